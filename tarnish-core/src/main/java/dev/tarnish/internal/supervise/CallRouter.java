package dev.tarnish.internal.supervise;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * Takes each call to a worker. A synchronous call waits on its caller's thread and runs there; an
 * asynchronous one waits in the pool's queue without a thread, and runs on one of at most
 * {@link TaskSettings#workers()} threads once a worker is assigned to it. Either way a call waits up
 * to the acquire timeout, and the pool serves waiting calls in arrival order.
 */
final class CallRouter {

    private final String name;

    private final TaskSettings settings;

    private final WorkerSlots slots;

    private final CallPath path;

    private final ScheduledExecutorService scheduler;

    private final ExecutorService asyncRunners;

    private final Refusals refusals;

    CallRouter(String name, TaskSettings settings, WorkerSlots slots, CallPath path,
            ScheduledExecutorService scheduler, ExecutorService asyncRunners) {
        this.name = name;
        this.settings = settings;
        this.slots = slots;
        this.path = path;
        this.scheduler = scheduler;
        this.asyncRunners = asyncRunners;
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
            // Nothing sent yet: fail here rather than kill a healthy worker in the first write.
            throw this.path.rejected(this.refusals.alreadyInterrupted(), start);
        }
        BlockingWait wait = new BlockingWait(start);
        this.slots.request(wait);
        return this.path.run(wait.await(), call, new CallGuard(), timeout, start);
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
                return this.handover.get(CallRouter.this.settings.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException ex) {
                if (abandon()) {
                    throw CallRouter.this.path.rejected(waitedTooLong(this), startNanos());
                }
                // Assigned at the very deadline: take it.
                return this.handover.join();
            }
            catch (InterruptedException ex) {
                if (!abandon()) {
                    CallRouter.this.slots.giveBack(this.handover.join(), false);
                }
                else {
                    CallRouter.this.slots.forget(this);
                }
                Thread.currentThread().interrupt();
                throw CallRouter.this.path.rejected(CallRouter.this.refusals.interruptedWhileWaiting(ex), startNanos());
            }
            catch (ExecutionException ex) {
                throw CallRouter.this.path.rejected((WorkerUnavailableException) ex.getCause(), startNanos());
            }
        }
    }

    /** An asynchronous call: waits in the queue without a thread, runs on an async runner. */
    private final class AsyncCall<O> extends WaitingCall {

        private final Frame call;

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
            if (this.future.isDone()) {
                return;
            }
            // Armed after the request: a call assigned at once needs no timer, and one assigned in between
            // finds the timer's abandon refused.
            this.acquireTimer = CallRouter.this.scheduler.schedule(() -> {
                if (abandon()) {
                    this.future.completeExceptionally(
                            CallRouter.this.path.rejected(waitedTooLong(this), startNanos()));
                }
            }, CallRouter.this.settings.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        void assigned(WorkerProcess worker) {
            disarmAcquireTimer();
            try {
                CallRouter.this.asyncRunners.execute(() -> run(worker));
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
            this.future.completeExceptionally(CallRouter.this.path.rejected(reason, startNanos()));
        }

        private void run(WorkerProcess worker) {
            try {
                this.future.complete(CallRouter.this.path.run(worker, this.call, this.guard, this.timeout,
                        startNanos()));
            }
            catch (RuntimeException | Error ex) {
                this.future.completeExceptionally(ex);
            }
        }

        private void disarmAcquireTimer() {
            ScheduledFuture<?> timer = this.acquireTimer;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        /**
         * The future a caller gets: cancelling it takes a waiting call out of the queue; with
         * {@code mayInterruptIfRunning}, a running call ends by killing its worker.
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
