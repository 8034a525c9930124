package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.tasks.CrashingTask;

/**
 * Retries turn a one-off crash into a success and a repeatable one into the last crash with the
 * earlier ones; an input that crashed too many workers is refused without another crash.
 */
@Timeout(180)
class RetryAndPoisonTests {

    @TempDir
    Path folder;

    @Test
    void whenAWorkerCrashesOnceShouldRunTheCallAgainOnAnotherWorker() throws Exception {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().retries(1).build())) {
            Workers.awaitIdle(process, 1);
            Path mark = this.folder.resolve("sync");
            assertThat((String) process.call("exit-unless-marked:" + mark)).startsWith("served by ");
            Path asyncMark = this.folder.resolve("async");
            assertThat(process.<String>callAsync("exit-unless-marked:" + asyncMark).get(60, TimeUnit.SECONDS))
                .startsWith("served by ");
            TaskStatus status = process.status();
            assertThat(status.calls()).as("each call counted once").isEqualTo(2);
            assertThat(status.crashes()).isEqualTo(2);
            assertThat(status.retries()).isEqualTo(2);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenEveryAttemptCrashesShouldThrowTheLastCrashCarryingTheEarlierOnes() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().retries(2)
            .poisonThreshold(0).build())) {
            WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                    () -> process.call("exit:9"));
            assertThat(crash.getReport().exitCode()).isEqualTo(9);
            assertThat(crash.getSuppressed()).hasSize(2).allSatisfy((earlier) -> {
                assertThat(earlier).isInstanceOf(WorkerCrashedException.class);
                assertThat(((WorkerCrashedException) earlier).getReport().exitCode()).isEqualTo(9);
            });
            TaskStatus status = process.status();
            assertThat(status.calls()).isEqualTo(1);
            assertThat(status.crashes()).isEqualTo(3);
            assertThat(status.retries()).isEqualTo(2);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenACallTimesOutShouldRetryItOnlyIfAskedTo() {
        TaskSettings.Builder settings = Workers.testSettings().retries(1).callTimeout(Duration.ofMillis(300));
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings.build())) {
            assertThat(catchThrowableOfType(TaskTimeoutException.class, () -> process.call("spin"))
                .getSuppressed()).isEmpty();
            assertThat(process.status().retries()).isZero();
        }
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings.retryOnTimeout(true).build())) {
            assertThat(catchThrowableOfType(TaskTimeoutException.class, () -> process.call("spin"))
                .getSuppressed()).hasSize(1).allMatch(TaskTimeoutException.class::isInstance);
            assertThat(process.status().retries()).isEqualTo(1);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenAnInputCrashedThresholdWorkersShouldRefuseItWithoutAnotherCrash() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().poisonThreshold(2)
            .build())) {
            for (int i = 0; i < 2; i++) {
                catchThrowableOfType(WorkerCrashedException.class, () -> process.call("exit:9"));
            }
            Workers.awaitIdle(process, 1);
            PoisonInputException refused = catchThrowableOfType(PoisonInputException.class,
                    () -> process.call("exit:9"));
            assertThat(refused.getCrashes()).hasSize(2)
                .allSatisfy((report) -> assertThat(report.exitCode()).isEqualTo(9));
            assertThat(refused.getWorkerPid()).isEmpty();
            PoisonInputException refusedAsync = catchThrowableOfType(PoisonInputException.class,
                    () -> unwrap(() -> process.callAsync("exit:9").join()));
            assertThat(refusedAsync.getCrashes()).hasSize(2);
            // Other inputs are served, and no worker died for the refused ones.
            assertThat((String) process.call("echo:healthy")).isEqualTo("healthy");
            TaskStatus status = process.status();
            assertThat(status.crashes()).isEqualTo(2);
            assertThat(status.poisonRefusals()).isEqualTo(2);
            assertThat(status.quarantinedInputs()).isEqualTo(1);
            assertThat(status.rejected()).isEqualTo(2);
            process.restart();
            assertThat(process.status().quarantinedInputs()).isZero();
            catchThrowableOfType(WorkerCrashedException.class, () -> process.call("exit:9"));
            assertThat(process.status().crashes()).isEqualTo(3);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenTheIdleWorkerWasKilledJustBeforeTheCallShouldServeItAndBlameNoInput() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().poisonThreshold(1)
            .build())) {
            for (int i = 0; i < 3; i++) {
                long idle = Long.parseLong(process.call("pid"));
                ProcessHandle.of(idle).ifPresent((worker) -> {
                    worker.destroyForcibly();
                    worker.onExit().join();
                });
                // Sent at once: to the dead worker (found dead, sent again), or to its replacement.
                assertThat((String) process.call("echo:innocent")).isEqualTo("innocent");
            }
            TaskStatus status = process.status();
            assertThat(status.quarantinedInputs()).as("a worker that died idle says nothing of the input").isZero();
            assertThat(status.crashes()).isEqualTo(3);
            assertThat(status.retries()).isZero();
        }
        Workers.awaitNoChildProcesses();
    }

    private static void unwrap(Runnable call) {
        try {
            call.run();
        }
        catch (CompletionException ex) {
            throw (RuntimeException) ex.getCause();
        }
    }
}
