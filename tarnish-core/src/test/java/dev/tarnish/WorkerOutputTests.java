package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * A {@link WorkerOutput} set on the builder gets what real workers print, with the task's name, the
 * worker's pid and the stream, while crash reports keep their tail of stderr as before.
 */
@Timeout(120)
class WorkerOutputTests {

    @Test
    void whenAWorkerPrintsShouldTheOutputGetEachLineAndTheCrashReportItsTail() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (SupervisedProcess<CrashingTask> process = Tarnish.process(CrashingTask.class).name("printing")
            .settings(Workers.testSettings().poisonThreshold(0).build())
            .output((taskName, pid, source, line) -> lines.add(taskName + " " + pid + " " + source + " " + line))
            .build()) {
            long pid = Long.parseLong(process.call("pid"));
            process.call("stderr:a line on stderr");
            process.call("stdout-garbage:x");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines)
                .contains("printing " + pid + " STDERR a line on stderr", "printing " + pid + " STDOUT plain println noise"));
            process.call("stderr:last words");
            CrashReport report = catchCrash(process);
            assertThat(report.stderrTail()).contains("a line on stderr", "last words");
        }
        Workers.awaitNoChildProcesses();
    }

    private static CrashReport catchCrash(SupervisedProcess<CrashingTask> process) {
        try {
            process.call("exit:5");
        }
        catch (WorkerCrashedException ex) {
            return ex.getReport();
        }
        throw new AssertionError("the worker did not crash");
    }
}
