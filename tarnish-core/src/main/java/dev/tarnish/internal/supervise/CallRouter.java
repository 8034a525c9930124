package dev.tarnish.internal.supervise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tarnish.CallContext;
import dev.tarnish.CrashReport;
import dev.tarnish.PoisonInputException;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerUnavailableException;
import dev.tarnish.internal.protocol.Frame;

/**
 * Takes each call to a worker, once or, with {@link TaskSettings#retries()}, again after a crash, and
 * counts it once at the end. An input that crashed too many workers is refused before it is sent
 * ({@link PoisonQuarantine}).
 *
 * <p>A synchronous call waits on its caller's thread and runs there. An asynchronous one waits in the
 * pool's queue without a thread; once a worker is assigned to it, it runs on one of the pool's call
 * threads, which also complete its future, so the caller's stages run there and never on a thread the
 * pool needs (its watchdog, its supervisor) nor under its lock. The call threads end when idle; there
 * is one per running call, plus one per stage that blocks. Either way an attempt waits up to the
 * acquire timeout, and the pool serves waiting calls in arrival order.
 */
final class CallRouter {

    private final TaskSettings settings;

    private final WorkerSlots slots;

    private final CallPath path;

    private final PoolEvents events;

    private final PoisonQuarantine quarantine;

    private final ScheduledExecutorService scheduler;

    private final ExecutorService callThreads;

    private final Refusals refusals;

    CallRouter(String name, TaskSettings settings, WorkerSlots slots, CallPath path, PoolEvents events,
            PoisonQuarantine quarantine, ScheduledExecutorService scheduler, ExecutorService callThreads) {
        this.settings = settings;
        this.slots = slots;
        this.path = path;
        this.events = events;
        this.quarantine = quarantine;
        this.scheduler = scheduler;
        this.callThreads = callThreads;
        this.refusals = new Refusals(name);
    }

    /**
     * Runs a call on the caller's thread.
     * @param call the encoded input
     * @param timeout the call's timeout, or {@code null}
     * @param scope the call's context, ended with its outcome
     * @param <O> the output type
     * @return the output
     */
    <O> O call(Frame call, Duration timeout, CallContext.CallScope scope) {
        long start = System.nanoTime();
        Attempts attempts = new Attempts(scope);
        CallEnding ending;
        do {
            ending = attemptOnCallersThread(call, timeout);
            attempts.record(call, ending);
        }
        while (attempts.again(ending));
        return attempts.finish(ending, start).get();
    }

    /**
     * Queues a call; it runs once a worker is free.
     * @param call the encoded input, not shared with the caller
     * @param timeout the call's timeout, or {@code null}
     * @param scope the call's context, ended with its outcome
     * @param <O> the output type
     * @return the call's future
     */
    <O> CompletableFuture<O> callAsync(Frame call, Duration timeout, CallContext.CallScope scope) {
        AsyncCall<O> async = new AsyncCall<>(System.nanoTime(), call, timeout, scope);
        async.attempt();
        return async.future;
    }

    private CallEnding attemptOnCallersThread(Frame call, Duration timeout) {
        if (Thread.currentThread().isInterrupted()) {
            return CallPath.rejected(this.refusals.alreadyInterrupted());
        }
        PoisonInputException poison = this.quarantine.refusal(call);
        if (poison != null) {
            return CallPath.rejected(poison);
        }
        // The common case first: a free worker and nobody waiting, taken without a wait object.
        WorkerProcess worker = this.slots.takeIfFree();
        if (worker == null) {
            BlockingWait wait = new BlockingWait();
            Duration mayWait = this.slots.request(wait);
            try {
                worker = wait.await(mayWait);
            }
            catch (WorkerUnavailableException ex) {
                return CallPath.rejected(ex);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            // Interrupted as the worker came: nothing sent yet, so fail here rather than kill a healthy
            // worker in the first write. The interrupt stays set.
            this.slots.giveBack(worker, false);
            return CallPath.rejected(this.refusals.alreadyInterrupted());
        }
        return this.path.run(worker, call, new CallGuard(), timeout);
    }

    private static long nanos(Duration duration) {
        // Saturates instead of overflowing, so that a timeout of "forever" is one.
        return TimeUnit.NANOSECONDS.convert(duration);
    }

    private WorkerUnavailableException waitedTooLong(WaitingCall call) {
        return this.refusals.waitedTooLong(this.settings.acquireTimeout(), this.slots.forget(call),
                this.slots.lastStartupFailure());
    }

    /** The attempts of one call: whether to try again, and the count and exception at the end. */
    private final class Attempts {

        /** A call is sent again at most this often when its worker turned out dead before it had the call. */
        private static final int REDELIVERIES = 3;

        private int retriesLeft = CallRouter.this.settings.retries();

        private int redeliveriesLeft = REDELIVERIES;

        private final CallContext.CallScope scope;

        Attempts(CallContext.CallScope scope) {
            this.scope = scope;
        }

        /** The failures of earlier attempts; made on the first one, as most calls have a single attempt. */
        private List<Throwable> earlier = List.of();

        /**
         * Learns how an attempt ended: a worker that crashed with the call counts against its input.
         * @param call the input
         * @param ending how the attempt ended
         */
        void record(Frame call, CallEnding ending) {
            CrashReport crash = ending.crash();
            if (crash != null && ending.reachedWorker()) {
                CallRouter.this.quarantine.crashed(call, crash);
            }
        }

        /**
         * Tells whether to make another attempt.
         * @param ending how the last one ended
         * @return whether to try again
         */
        boolean again(CallEnding ending) {
            CrashReport crash = ending.crash();
            if (crash != null && !ending.reachedWorker() && this.redeliveriesLeft > 0) {
                // The worker was gone before it had the call: sending it again is safe for any task.
                this.redeliveriesLeft--;
                remember(ending.failure());
                return true;
            }
            boolean retryable = crash != null || (ending.timedOut() && CallRouter.this.settings.retryOnTimeout());
            if (!retryable || this.retriesLeft == 0) {
                return false;
            }
            this.retriesLeft--;
            remember(ending.failure());
            CallRouter.this.events.callRetried(ending.failure());
            return true;
        }

        private void remember(Throwable failure) {
            if (this.earlier.isEmpty()) {
                this.earlier = new ArrayList<>(2);
            }
            this.earlier.add(failure);
        }

        /** Counts the call once, with the outcome of its last attempt, which carries the earlier ones. */
        CallEnding finish(CallEnding ending, long start) {
            Throwable failure = ending.failure();
            if (failure != null) {
                this.earlier.forEach(failure::addSuppressed);
            }
            if (failure instanceof PoisonInputException poison) {
                CallRouter.this.events.inputRefused(poison);
            }
            CallRouter.this.events.callCompleted(ending.outcome(), start);
            this.scope.end(ending.outcome(), failure);
            return ending;
        }
    }

    /** A synchronous attempt's wait for its worker, on the caller's thread. */
    private final class BlockingWait extends WaitingCall {

        private final CompletableFuture<WorkerProcess> handover = new CompletableFuture<>();

        @Override
        void assigned(WorkerProcess worker) {
            this.handover.complete(worker);
        }

        @Override
        void refused(WorkerUnavailableException reason) {
            this.handover.completeExceptionally(reason);
        }

        /**
         * Waits for the worker.
         * @param mayWait how long, from the pool's request
         * @return the worker
         * @throws WorkerUnavailableException if none came in time, the pool refused, or the caller was
         *     interrupted (its interrupt stays set)
         */
        WorkerProcess await(Duration mayWait) {
            try {
                return this.handover.get(nanos(mayWait), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException ex) {
                if (abandon()) {
                    throw waitedTooLong(this);
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
                throw CallRouter.this.refusals.interruptedWhileWaiting(ex);
            }
            catch (ExecutionException ex) {
                throw (WorkerUnavailableException) ex.getCause();
            }
        }

        /** The pool decided just as the caller gave up: its decision, a worker or a refusal, stands. */
        private WorkerProcess decidedMeanwhile() {
            try {
                return this.handover.join();
            }
            catch (CompletionException ex) {
                throw (WorkerUnavailableException) ex.getCause();
            }
        }
    }

    /** An asynchronous call: each attempt waits in the queue without a thread and runs on a call thread. */
    private final class AsyncCall<O> {

        private final long start;

        /** The input, until the call ended: the caller may hold the future long after. */
        private volatile Frame call;

        private final Duration timeout;

        private final Attempts attempts;

        private final CallFuture future = new CallFuture();

        private final AtomicBoolean finished = new AtomicBoolean();

        private volatile Attempt current;

        private volatile boolean cancelled;

        private volatile boolean interruptOnCancel;

        AsyncCall(long start, Frame call, Duration timeout, CallContext.CallScope scope) {
            this.start = start;
            this.call = call;
            this.timeout = timeout;
            this.attempts = new Attempts(scope);
        }

        void attempt() {
            if (this.cancelled) {
                ended(CallRouter.this.path.cancelled());
                return;
            }
            PoisonInputException poison = CallRouter.this.quarantine.refusal(this.call);
            if (poison != null) {
                ended(CallPath.rejected(poison));
                return;
            }
            Attempt attempt = new Attempt();
            this.current = attempt;
            Duration mayWait = CallRouter.this.slots.request(attempt);
            attempt.armAcquireTimeout(mayWait);
            if (this.cancelled) {
                // Cancelled while this attempt was being made: the cancel may have seen the one before.
                cancel(attempt);
            }
        }

        /** Ends an attempt for a cancelled call: out of the queue, or not sent, or (if asked) killed. */
        void cancel(Attempt attempt) {
            if (attempt.abandon()) {
                attempt.disarmAcquireTimer();
                CallRouter.this.slots.forget(attempt);
                ended(CallRouter.this.path.cancelled());
            }
            else if (this.interruptOnCancel) {
                attempt.guard.cancel();
            }
            else {
                attempt.guard.cancelUnlessStarted();
            }
        }

        /** An attempt ended on a thread other than a call thread: try again, or finish the call. */
        void ended(CallEnding ending) {
            ended(ending, false);
        }

        /**
         * An attempt ended: try again, or finish the call.
         * @param ending how it ended
         * @param onCallThread whether this is a call thread, where the future is completed at once
         */
        void ended(CallEnding ending, boolean onCallThread) {
            this.attempts.record(this.call, ending);
            if (!this.cancelled && this.attempts.again(ending)) {
                attempt();
                return;
            }
            if (!this.finished.compareAndSet(false, true)) {
                return;
            }
            CallEnding last = this.attempts.finish(ending, this.start);
            this.call = null;
            Runnable completion = () -> {
                if (last.failure() != null) {
                    this.future.completeExceptionally(last.failure());
                }
                else {
                    this.future.complete(last.get());
                }
            };
            if (onCallThread) {
                completion.run();
            }
            else {
                complete(completion);
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

        /** One attempt's wait for a worker, and its run. */
        private final class Attempt extends WaitingCall {

            private final CallGuard guard = new CallGuard();

            private volatile ScheduledFuture<?> acquireTimer;

            void armAcquireTimeout(Duration mayWait) {
                if (!isWaiting()) {
                    return;
                }
                ScheduledFuture<?> timer;
                try {
                    timer = CallRouter.this.scheduler.schedule(() -> {
                        if (abandon()) {
                            ended(CallPath.rejected(waitedTooLong(this)));
                        }
                    }, nanos(mayWait), TimeUnit.NANOSECONDS);
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
                    CallRouter.this.callThreads.execute(() -> ended(CallRouter.this.path.run(worker,
                            AsyncCall.this.call, this.guard, AsyncCall.this.timeout), true));
                }
                catch (RejectedExecutionException ex) {
                    // The pool closed between the assignment and now.
                    CallRouter.this.slots.giveBack(worker, false);
                    ended(CallPath.rejected(CallRouter.this.refusals.closed(ex)));
                }
            }

            @Override
            void refused(WorkerUnavailableException reason) {
                disarmAcquireTimer();
                ended(CallPath.rejected(reason));
            }

            void disarmAcquireTimer() {
                ScheduledFuture<?> timer = this.acquireTimer;
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        }

        /**
         * The future a caller gets: cancelling it takes a waiting call out of the queue or keeps an
         * assigned one from being sent; with {@code mayInterruptIfRunning}, a running call ends by
         * killing its worker. A cancelled call is not retried.
         */
        private final class CallFuture extends CompletableFuture<O> {

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                AsyncCall.this.interruptOnCancel = mayInterruptIfRunning;
                // Set before the current attempt is read, as attempt() sets it before reading this: one
                // of the two sees the other, so no new attempt escapes the cancel.
                AsyncCall.this.cancelled = true;
                Attempt attempt = AsyncCall.this.current;
                if (attempt != null) {
                    AsyncCall.this.cancel(attempt);
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
