package dev.tarnish.internal.supervise;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerUnavailableException;
import dev.tarnish.internal.protocol.Frame;

/**
 * Takes each call to a worker. A synchronous call waits on its caller's thread and runs there. An
 * asynchronous one waits in the pool's queue without a thread; once a worker is assigned to it, it
 * runs on one of the pool's call threads, which also complete its future, so the caller's stages run
 * there and never on a thread the pool needs (its watchdog, its supervisor) nor under its lock. The
 * call threads end when idle; there is one per running call, plus one per stage that blocks. Either
 * way a call waits up to the acquire timeout, and the pool serves waiting calls in arrival order.
 */
final class CallRouter {

    private final TaskSettings settings;

    private final WorkerSlots slots;

    private final CallPath path;

    private final ScheduledExecutorService scheduler;

    private final ExecutorService callThreads;

    private final Refusals refusals;

    CallRouter(String name, TaskSettings settings, WorkerSlots slots, CallPath path,
            ScheduledExecutorService scheduler, ExecutorService callThreads) {
        this.settings = settings;
        this.slots = slots;
        this.path = path;
        this.scheduler = scheduler;
        this.callThreads = callThreads;
        this.refusals = new Refusals(name);
    }

    /**
     * Runs a call on the caller's thread.
     * @param call the encoded input
     * @param timeout the call's timeout, or {@code null}
     * @param <O> the output type
     * @return the output
     */
    <O> O call(Frame call, Duration timeout) {
        long start = System.nanoTime();
        if (Thread.currentThread().isInterrupted()) {
            throw this.path.rejected(this.refusals.alreadyInterrupted(), start);
        }
        BlockingWait wait = new BlockingWait(start);
        this.slots.request(wait);
        WorkerProcess worker = wait.await();
        if (Thread.currentThread().isInterrupted()) {
            // Interrupted as the worker came: nothing sent yet, so fail here rather than kill a healthy
            // worker in the first write. The interrupt stays set.
            this.slots.giveBack(worker, false);
            throw this.path.rejected(this.refusals.alreadyInterrupted(), start);
        }
        return this.path.run(worker, call, new CallGuard(), timeout, start);
    }

    /**
     * Queues a call; it runs once a worker is free.
     * @param call the encoded input, not shared with the caller
     * @param timeout the call's timeout, or {@code null}
     * @param <O> the output type
     * @return the call's future
     */
    <O> CompletableFuture<O> callAsync(Frame call, Duration timeout) {
        AsyncCall<O> async = new AsyncCall<>(System.nanoTime(), call, timeout);
        this.slots.request(async);
        async.armAcquireTimeout();
        return async.future;
    }

    private long acquireTimeoutNanos() {
        // Saturates instead of overflowing, so that a timeout of "forever" is one.
        return TimeUnit.NANOSECONDS.convert(this.settings.acquireTimeout());
    }

    private WorkerUnavailableException waitedTooLong(WaitingCall call) {
        return this.refusals.waitedTooLong(this.settings.acquireTimeout(), this.slots.forget(call),
                this.slots.lastStartupFailure());
    }

    /** A synchronous call's wait for its worker, on the caller's thread. */
    private final class BlockingWait extends WaitingCall {

        private final CompletableFuture<WorkerProcess> handover = new CompletableFuture<>();

        BlockingWait(long startNanos) {
            super(startNanos);
        }

        @Override
        void assigned(WorkerProcess worker) {
            this.handover.complete(worker);
        }

        @Override
        void refused(WorkerUnavailableException reason) {
            this.handover.completeExceptionally(reason);
        }

        WorkerProcess await() {
            try {
                return this.handover.get(acquireTimeoutNanos(), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException ex) {
                if (abandon()) {
                    throw CallRouter.this.path.rejected(waitedTooLong(this), startNanos());
                }
                return decidedMeanwhile();
            }
            catch (InterruptedException ex) {
                try {
                    if (abandon()) {
                        CallRouter.this.slots.forget(this);
                    }
                    else {
                        CallRouter.this.slots.giveBack(decidedMeanwhile(), false);
                    }
                }
                finally {
                    Thread.currentThread().interrupt();
                }
                throw CallRouter.this.path.rejected(CallRouter.this.refusals.interruptedWhileWaiting(ex), startNanos());
            }
            catch (ExecutionException ex) {
                throw CallRouter.this.path.rejected((WorkerUnavailableException) ex.getCause(), startNanos());
            }
        }

        /** The pool decided just as the caller gave up: its decision, a worker or a refusal, stands. */
        private WorkerProcess decidedMeanwhile() {
            try {
                return this.handover.join();
            }
            catch (CompletionException ex) {
                throw CallRouter.this.path.rejected((WorkerUnavailableException) ex.getCause(), startNanos());
            }
        }
    }

    /** An asynchronous call: waits in the queue without a thread, runs on a call thread. */
    private final class AsyncCall<O> extends WaitingCall {

        /** The input, until it was sent: the caller may hold the future long after. */
        private volatile Frame call;

        private final Duration timeout;

        private final CallGuard guard = new CallGuard();

        private final CallFuture future = new CallFuture();

        private volatile ScheduledFuture<?> acquireTimer;

        AsyncCall(long startNanos, Frame call, Duration timeout) {
            super(startNanos);
            this.call = call;
            this.timeout = timeout;
        }

        void armAcquireTimeout() {
            if (!isWaiting()) {
                return;
            }
            ScheduledFuture<?> timer;
            try {
                timer = CallRouter.this.scheduler.schedule(() -> {
                    if (abandon()) {
                        WorkerUnavailableException refusal = CallRouter.this.path.rejected(waitedTooLong(this),
                                startNanos());
                        complete(() -> this.future.completeExceptionally(refusal));
                    }
                }, acquireTimeoutNanos(), TimeUnit.NANOSECONDS);
            }
            catch (RejectedExecutionException ex) {
                // The pool closed meanwhile: its close refuses the call, if that has not happened yet.
                return;
            }
            this.acquireTimer = timer;
            if (!isWaiting()) {
                // Assigned or refused while the timer was being set.
                timer.cancel(false);
            }
        }

        @Override
        void assigned(WorkerProcess worker) {
            disarmAcquireTimer();
            try {
                CallRouter.this.callThreads.execute(() -> run(worker));
            }
            catch (RejectedExecutionException ex) {
                // The pool closed between the assignment and now.
                CallRouter.this.slots.giveBack(worker, false);
                this.future.completeExceptionally(
                        CallRouter.this.path.rejected(CallRouter.this.refusals.closed(ex), startNanos()));
            }
        }

        @Override
        void refused(WorkerUnavailableException reason) {
            disarmAcquireTimer();
            WorkerUnavailableException refusal = CallRouter.this.path.rejected(reason, startNanos());
            complete(() -> this.future.completeExceptionally(refusal));
        }

        private void run(WorkerProcess worker) {
            Frame input = this.call;
            this.call = null;
            try {
                this.future.complete(CallRouter.this.path.run(worker, input, this.guard, this.timeout, startNanos()));
            }
            catch (RuntimeException | Error ex) {
                this.future.completeExceptionally(ex);
            }
        }

        /** Completes the future on a call thread, where the caller's stages may run and block. */
        private void complete(Runnable completion) {
            try {
                CallRouter.this.callThreads.execute(completion);
            }
            catch (RejectedExecutionException ex) {
                completion.run();
            }
        }

        private void disarmAcquireTimer() {
            ScheduledFuture<?> timer = this.acquireTimer;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        /**
         * The future a caller gets: cancelling it takes a waiting call out of the queue or keeps an
         * assigned one from being sent; with {@code mayInterruptIfRunning}, a running call ends by
         * killing its worker.
         */
        private final class CallFuture extends CompletableFuture<O> {

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                if (abandon()) {
                    disarmAcquireTimer();
                    CallRouter.this.slots.forget(AsyncCall.this);
                    CallRouter.this.path.cancelled(startNanos());
                }
                else if (mayInterruptIfRunning) {
                    AsyncCall.this.guard.cancel();
                }
                else {
                    AsyncCall.this.guard.cancelUnlessStarted();
                }
                return super.cancel(mayInterruptIfRunning);
            }

            @Override
            public <U> CompletableFuture<U> newIncompleteFuture() {
                // Stages derived from this future are plain ones: cancelling them does not kill a worker.
                return new CompletableFuture<>();
            }
        }
    }
}
