package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * Calls that never return: timeouts kill the worker, close ends workers stuck in native code.
 */
@Timeout(120)
class TimeoutAndCloseTests {

    @Test
    void whenJavaLoopRunsPastTimeoutShouldKillWorkerAndServeNextCall() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            String pid = process.call("pid");
            TaskTimeoutException timeout = catchThrowableOfType(TaskTimeoutException.class,
                    () -> process.call("spin", Duration.ofMillis(500)));
            assertThat(timeout.getTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(timeout.getWorkerPid()).hasValue(Long.parseLong(pid));
            assertThat(timeout).hasMessageContaining("crashing");
            await().until(() -> !Workers.isAlive(Long.parseLong(pid)));
            assertThat((String) process.call("pid")).isNotEqualTo(pid);
            assertThat(process.status().timeouts()).isEqualTo(1);
            assertThat(process.status().crashes()).isZero();
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenNativeCallNeverReturnsShouldTimeOutWithDefaultCallTimeout() {
        TaskSettings settings = Workers.testSettings().callTimeout(Duration.ofMillis(700)).build();
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
            assertThatThrownBy(() -> process.call("native-hang")).isInstanceOf(TaskTimeoutException.class);
            assertThat((String) process.call("echo:alive")).isEqualTo("alive");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenClosedWhileWorkerIsStuckInNativeCodeShouldEndEveryWorker() throws Exception {
        SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(2)
            .shutdownTimeout(Duration.ofMillis(500)).build());
        Workers.awaitIdle(process, 2);
        List<Long> pids = process.status().workers().stream().map(WorkerStatus::pid).toList();
        CompletableFuture<String> stuck = process.callAsync("native-hang");
        await().until(() -> process.status().countWorkers(WorkerState.BUSY) == 1);
        process.close();
        assertThat(pids).noneMatch(Workers::isAlive);
        Throwable failure = catchThrowableOfType(ExecutionException.class, stuck::get).getCause();
        assertThat(failure).isInstanceOf(WorkerUnavailableException.class);
        assertThat(((WorkerUnavailableException) failure).getReason()).isEqualTo(WorkerUnavailableException.Reason.CLOSED);
        assertThatThrownBy(() -> process.call("echo:late")).isInstanceOf(WorkerUnavailableException.class)
            .hasMessageContaining("closed");
        Throwable asyncFailure = catchThrowableOfType(ExecutionException.class,
                () -> process.callAsync("echo:late").get()).getCause();
        assertThat(asyncFailure).isInstanceOf(WorkerUnavailableException.class);
        assertThat(((WorkerUnavailableException) asyncFailure).getReason())
            .isEqualTo(WorkerUnavailableException.Reason.CLOSED);
        assertThat(process.status().state()).isEqualTo(TaskState.CLOSED);
        process.close();
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenClosedWhileWorkersStartShouldLeaveNoProcess() {
        SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(3).build());
        process.close();
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenClosedFromTwoThreadsAtOnceBothShouldReturnOnlyWithNoWorkerLeft() throws Exception {
        SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(2).build());
        Workers.awaitIdle(process, 2);
        List<Long> pids = process.status().workers().stream().map(WorkerStatus::pid).toList();
        CompletableFuture<String> running = process.callAsync("sleep:500");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<List<Long>>> closers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            closers.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                process.close();
                // What each closer sees the moment its close returns.
                return pids.stream().filter(Workers::isAlive).toList();
            }));
        }
        go.countDown();
        for (CompletableFuture<List<Long>> closer : closers) {
            assertThat(closer.get(60, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(running.get(60, TimeUnit.SECONDS)).isNotBlank();
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenTimeoutsAreForeverShouldServeCalls() throws Exception {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().acquireTimeout(forever)
            .callTimeout(forever).build())) {
            assertThat((String) process.call("echo:sync", forever)).isEqualTo("sync");
            assertThat(process.<String>callAsync("echo:async").get(60, TimeUnit.SECONDS)).isEqualTo("async");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenTimeoutIsNotPositiveShouldRejectIt() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            assertThatThrownBy(() -> process.call("echo:x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> process.call("echo:x", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        }
        Workers.awaitNoChildProcesses();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void whenCallingThreadIsAlreadyInterruptedShouldFailWithoutKillingTheWorker() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            String pid = process.call("pid");
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> process.call("echo:x")).isInstanceOf(WorkerUnavailableException.class)
                    .hasMessageContaining("interrupted");
            }
            finally {
                assertThat(Thread.interrupted()).isTrue();
            }
            assertThat((String) process.call("pid")).isEqualTo(pid);
            assertThat(process.status().rejected()).isEqualTo(1);
        }
        Workers.awaitNoChildProcesses();
    }
}
