package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.WorkerUnavailableException.Reason;
import dev.tarnish.tasks.CrashingTask;

/**
 * Calls that wait for a worker: asynchronous ones wait without a thread, in arrival order, within
 * {@code maxQueuedCalls}; they can be cancelled while they wait or while they run; a caller
 * interrupted while it waits keeps its interrupt.
 */
@Timeout(180)
class AsyncCallTests {

    @Test
    void whenTwentyThousandAsyncCallsWaitForTwoWorkersShouldAddAtMostSixteenThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(2)
            .acquireTimeout(Duration.ofMinutes(5)).build())) {
            Workers.awaitIdle(process, 2);
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                calls.add(process.callAsync("echo:" + i));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).join()).isEqualTo(Integer.toString(i));
            }
            int added = threads.getPeakThreadCount() - before;
            System.out.println("20000 async calls on 2 workers: " + before + " live threads before, peak "
                    + threads.getPeakThreadCount() + " (+" + added + ")");
            assertThat(added).isLessThanOrEqualTo(16);
            assertThat(process.status().calls()).isEqualTo(20_000);
            assertThat(process.status().crashes()).isZero();
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenMoreCallsWaitThanMaxQueuedCallsShouldRejectAtOnceWithQueueFull() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().maxQueuedCalls(1)
            .build())) {
            Workers.awaitIdle(process, 1);
            CompletableFuture<String> running = process.callAsync("sleep:1500");
            awaitBusy(process, 1);
            CompletableFuture<String> queued = process.callAsync("echo:queued");
            CompletableFuture<String> beyond = process.callAsync("echo:beyond");
            assertThat(unavailableReason(catchThrowable(beyond::join))).isEqualTo(Reason.QUEUE_FULL);
            assertThat(unavailableReason(catchThrowable(() -> process.call("echo:sync")))).isEqualTo(Reason.QUEUE_FULL);
            assertThat(running.join()).isNotBlank();
            assertThat(queued.join()).isEqualTo("queued");
            assertThat(process.status().rejected()).isEqualTo(2);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenWaitingCallIsCancelledShouldNeverReachAWorker() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            Workers.awaitIdle(process, 1);
            CompletableFuture<String> running = process.callAsync("sleep:1000");
            awaitBusy(process, 1);
            CompletableFuture<String> waiting = process.callAsync("calls");
            assertThat(waiting.cancel(true)).isTrue();
            assertThat(waiting).isCancelled();
            running.join();
            // The worker counts the calls it ran: the sleep, then this one; the cancelled call never came.
            assertThat(process.<String>call("calls")).isEqualTo("2");
            assertThat(process.status().crashes()).isZero();
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenRunningCallIsCancelledShouldKillItsWorkerAndCountNoCrash(@TempDir Path folder) {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            Workers.awaitIdle(process, 1);
            long pid = Long.parseLong(process.call("pid"));
            Path mark = folder.resolve("running");
            CompletableFuture<String> stuck = process.callAsync("mark-then-native-hang:" + mark);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(mark));
            assertThat(stuck.cancel(true)).isTrue();
            assertThat(catchThrowable(stuck::join)).isInstanceOf(CancellationException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !Workers.isAlive(pid));
            assertThat(Long.parseLong(process.call("pid"))).isNotEqualTo(pid);
            TaskStatus status = process.status();
            assertThat(status.crashes()).isZero();
            assertThat(status.rejected()).isEqualTo(1);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenCancelledWithoutInterruptShouldLetTheRunningCallFinishOnItsWorker() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            Workers.awaitIdle(process, 1);
            long pid = Long.parseLong(process.call("pid"));
            CompletableFuture<String> running = process.callAsync("sleep:500");
            awaitBusy(process, 1);
            assertThat(running.cancel(false)).isTrue();
            assertThat(Long.parseLong(process.call("pid"))).isEqualTo(pid);
            assertThat(process.<String>call("calls")).isEqualTo("4");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenCallerIsInterruptedWhileWaitingShouldKeepItsInterruptAndLeaveTheWorkerAlone() throws Exception {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            Workers.awaitIdle(process, 1);
            long pid = Long.parseLong(process.call("pid"));
            CompletableFuture<String> running = process.callAsync("sleep:2000");
            awaitBusy(process, 1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean interruptKept = new AtomicBoolean();
            Thread caller = new Thread(() -> {
                failure.set(catchThrowable(() -> process.call("echo:never")));
                interruptKept.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            await().until(() -> caller.getState() == Thread.State.TIMED_WAITING
                    || caller.getState() == Thread.State.WAITING);
            caller.interrupt();
            caller.join();
            assertThat(unavailableReason(failure.get())).isEqualTo(Reason.NO_IDLE_WORKER);
            assertThat(interruptKept).isTrue();
            running.join();
            assertThat(Long.parseLong(process.call("pid"))).isEqualTo(pid);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenAStageOfOneCallWaitsForAnotherCallOnTheOnlyWorkerShouldServeBoth() throws Exception {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            Workers.awaitIdle(process, 1);
            // The stage runs once the first call gave its worker back; it blocks on the second call.
            CompletableFuture<String> nested = process.<String>callAsync("echo:first")
                .thenApply((first) -> first + "+" + process.<String>callAsync("echo:second").join());
            assertThat(nested.get(60, TimeUnit.SECONDS)).isEqualTo("first+second");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenClosedWithCallsWaitingShouldRefuseThemAsClosed() {
        CompletableFuture<String> running;
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().build())) {
            Workers.awaitIdle(process, 1);
            running = process.callAsync("sleep:500");
            awaitBusy(process, 1);
            for (int i = 0; i < 5; i++) {
                waiting.add(process.callAsync("echo:" + i));
            }
        }
        assertThat(running.join()).isNotBlank();
        for (CompletableFuture<String> call : waiting) {
            assertThat(unavailableReason(catchThrowable(call::join))).isEqualTo(Reason.CLOSED);
        }
        Workers.awaitNoChildProcesses();
    }

    private static void awaitBusy(SupervisedProcess<?> process, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> process.status().countWorkers(WorkerState.BUSY) == count);
    }

    private static Reason unavailableReason(Throwable thrown) {
        Throwable failure = (thrown instanceof CompletionException) ? thrown.getCause() : thrown;
        assertThat(failure).isInstanceOf(WorkerUnavailableException.class);
        return ((WorkerUnavailableException) failure).getReason();
    }
}
