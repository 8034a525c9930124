package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.tasks.MarkingTask;

/**
 * The task class may load a crashing native library in its static initializer: it must never be
 * initialized in the caller's JVM, only in the worker.
 */
@Timeout(60)
class ClassInitializationTests {

    @Test
    void whenProcessIsBuiltAndCalledShouldInitializeTaskClassOnlyInWorker(@TempDir Path dir) throws Exception {
        Path mark = dir.resolve("initialized-by");
        System.setProperty("tarnish.test.mark", mark.toString());
        try (SupervisedProcess<MarkingTask> process = Tarnish.process(MarkingTask.class)
            .settings(Workers.testSettings().jvmArgs(List.of("-Dtarnish.test.mark=" + mark)).build())
            .build()) {
            String workerPid = process.call("who");
            List<String> initializedBy = Files.readAllLines(mark);
            assertThat(initializedBy).containsExactly(workerPid);
            assertThat(initializedBy).doesNotContain(Long.toString(ProcessHandle.current().pid()));
        }
        finally {
            System.clearProperty("tarnish.test.mark");
        }
        Workers.awaitNoChildProcesses();
    }
}
