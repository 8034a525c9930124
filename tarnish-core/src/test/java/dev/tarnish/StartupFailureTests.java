package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.WorkerUnavailableException.Reason;
import dev.tarnish.tasks.DiesAtStartupTask;
import dev.tarnish.tasks.ThrowingConstructorTask;

/**
 * Workers that can never become ready must not hang callers: the crash-loop breaker opens and calls
 * fail at once with the reason.
 */
@Timeout(120)
class StartupFailureTests {

    private static TaskSettings fastBackoff() {
        return Workers.testSettings().restartBackoff(Duration.ofMillis(50)).maxRestartBackoff(Duration.ofMillis(200))
            .crashLoopThreshold(3).build();
    }

    @Test
    void whenTaskConstructorThrowsShouldRejectCallsWithTheCause() {
        try (SupervisedProcess<ThrowingConstructorTask> process = Tarnish.process(ThrowingConstructorTask.class)
            .settings(fastBackoff()).build()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> process.status().state() == TaskState.CRASH_LOOP);
            WorkerUnavailableException rejected = catchThrowableOfType(WorkerUnavailableException.class,
                    () -> process.call("x"));
            assertThat(rejected.getReason()).isEqualTo(Reason.CRASH_LOOP);
            assertThat(rejected.getTaskName()).isEqualTo("throwingConstructorTask");
            assertThat(rejected.getCause()).hasMessageContaining("native library not found");
            CrashReport lastCrash = process.status().lastCrash();
            assertThat(lastCrash.cause()).isEqualTo(CrashCause.STARTUP_FAILURE);
            assertThat(lastCrash.detail()).contains("IllegalStateException").contains("native library not found");
            assertThat(process.status().rejected()).isEqualTo(1);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenWorkerDiesAtStartupEveryTimeShouldNotHangWaitingCallers() {
        try (SupervisedProcess<DiesAtStartupTask> process = Tarnish.process(DiesAtStartupTask.class)
            .settings(fastBackoff()).build()) {
            // Called at once: this caller waits while the first workers die, then the breaker opens.
            WorkerUnavailableException rejected = catchThrowableOfType(WorkerUnavailableException.class,
                    () -> process.call("x"));
            assertThat(rejected.getReason()).isEqualTo(Reason.CRASH_LOOP);
            assertThat(rejected.getCause()).isInstanceOf(TarnishException.class)
                .hasMessageContaining("exit code 42")
                .hasMessageContaining("loading a library that takes the process down");
            assertThat(process.status().crashes()).isGreaterThanOrEqualTo(3);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenWorkerIsNotReadyInTimeShouldKillItAndReportTheTimeout() {
        TaskSettings settings = Workers.testSettings().startupTimeout(Duration.ofMillis(1))
            .restartBackoff(Duration.ofSeconds(30)).crashLoopThreshold(1).build();
        try (SupervisedProcess<ThrowingConstructorTask> process = Tarnish.process(ThrowingConstructorTask.class)
            .settings(settings).build()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> process.status().lastCrash() != null);
            assertThat(process.status().lastCrash().detail()).contains("start-up timeout");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenOnlySomeWorkersFailToStartShouldKeepServingFromTheRunningOnes() {
        java.util.concurrent.atomic.AtomicInteger launches = new java.util.concurrent.atomic.AtomicInteger();
        WorkerLaunch library = WorkerLaunch.libraryWorker();
        String javaExecutable = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The first worker spawned starts; every later one is a JVM that exits at once, before its hello.
        // (Only spawns count: the pool also asks for the command line to key its class-data sharing.)
        WorkerLaunch firstOnly = (options) -> {
            boolean spawn = options.stream().anyMatch((option) -> option.startsWith("-XX:ErrorFile="));
            return (!spawn || launches.getAndIncrement() == 0) ? library.command(options)
                    : java.util.List.of(javaExecutable, "-version");
        };
        TaskSettings settings = Workers.testSettings().workers(2).restartBackoff(Duration.ofMillis(20))
            .maxRestartBackoff(Duration.ofMillis(50)).crashLoopThreshold(2).build();
        try (SupervisedProcess<dev.tarnish.tasks.CrashingTask> process = Tarnish.process(
                dev.tarnish.tasks.CrashingTask.class).settings(settings).launch(firstOnly).build()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> process.status().crashes() >= 3
                    && process.status().countWorkers(WorkerState.IDLE) == 1);
            assertThat((String) process.call("echo:still serving")).isEqualTo("still serving");
            assertThat(process.status().state()).isEqualTo(TaskState.RUNNING);
        }
        Workers.awaitNoChildProcesses();
    }
}
