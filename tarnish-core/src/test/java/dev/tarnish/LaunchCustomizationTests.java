package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.tasks.CrashingTask;

/**
 * A command in front of the worker's {@code java} and launch customizers: the worker runs under the
 * wrapper, sees what the customizer set but cannot lose tarnish's own variables, and a wrapper that
 * forks instead of exec'ing is refused with a reason that says so.
 */
@Timeout(120)
class LaunchCustomizationTests {

    @Test
    void whenTheCommandPrefixExecsJavaShouldRunTheWorkerUnderIt() throws Exception {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings()
            .commandPrefix(List.of("nice", "-n", "7")).build())) {
            long pid = Long.parseLong(process.call("pid"));
            // The process tarnish started is the worker itself, at the niceness the wrapper gave it.
            assertThat(process.status().workers()).extracting(WorkerStatus::pid).containsExactly(pid);
            assertThat(niceness(pid)).isEqualTo(7);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenLaunchedThroughPrlimitACrashShouldStillBeReportedInFull() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings()
            .commandPrefix(List.of("prlimit", "--nofile=4096:4096", "--")).poisonThreshold(0).build())) {
            assertThat((String) process.call("echo:limited")).isEqualTo("limited");
            CrashReport report = catchThrowableOfType(WorkerCrashedException.class,
                    () -> process.call("segfault-unsafe")).getReport();
            assertThat(report.cause()).isEqualTo(CrashCause.NATIVE_CRASH);
            assertThat(report.signal()).isEqualTo("SIGSEGV");
            assertThat(report.fatalError()).contains("Unsafe");
            assertThat((String) process.call("echo:again")).isEqualTo("again");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenACustomizerChangesTheStartShouldTheWorkerSeeItButKeepTarnishsOwnVariables(@TempDir Path folder)
            throws Exception {
        List<String> seen = new ArrayList<>();
        try (SupervisedProcess<CrashingTask> process = Tarnish.process(CrashingTask.class).name("customized")
            .settings(Workers.testSettings().build())
            .customizer((taskName, spec) -> {
                seen.add(taskName);
                spec.environment().put("CUSTOMIZED_BY_TEST", "yes");
                spec.environment().put("TARNISH_WORKER", "not-the-task");
                spec.directory(folder);
            })
            .build()) {
            assertThat((String) process.call("env:CUSTOMIZED_BY_TEST")).isEqualTo("yes");
            assertThat((String) process.call("env:TARNISH_WORKER")).isEqualTo("customized");
            assertThat(Path.of((String) process.call("cwd"))).isEqualTo(folder.toRealPath());
            assertThat(seen).containsExactly("customized");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenTheWrapperForksJavaShouldRefuseTheWorkerSayingWhy() {
        String marker = "-Dtarnish.test.marker=" + UUID.randomUUID();
        TaskSettings settings = Workers.testSettings().crashLoopThreshold(1).restartBackoff(Duration.ofMinutes(5))
            .jvmArgs(List.of("-Xmx64m", marker))
            // The shell runs java as its child and waits for it: java is not the process tarnish started.
            .commandPrefix(List.of("sh", "-c", "\"$@\"; exit $?", "sh"))
            .build();
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> process.status().lastCrash() != null);
            CrashReport report = process.status().lastCrash();
            assertThat(report.cause()).isEqualTo(CrashCause.STARTUP_FAILURE);
            assertThat(report.detail()).contains("forks java instead of exec'ing it");
        }
        Workers.awaitNoChildProcesses();
        // Nor is the java that the shell forked left behind.
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.allProcesses()
            .noneMatch((process) -> process.info().arguments().map(List::of).orElse(List.of()).contains(marker)));
    }

    private static int niceness(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name in parentheses; the niceness is field 19 of the line.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
