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
}
