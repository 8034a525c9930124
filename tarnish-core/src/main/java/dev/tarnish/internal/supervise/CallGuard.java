package dev.tarnish.internal.supervise;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who ends a call that runs on a worker: the reply, the deadline or a cancellation. The deadline and
 * the cancellation end it by killing the worker, since native code cannot be interrupted; the kill
 * ends the caller's blocked read. Whichever comes first wins, once; the others see that they lost and
 * the call path reads here why the read ended.
 */
final class CallGuard {

    /** How a guarded call ended. */
    enum Ending {

        /** Not ended yet. */
        RUNNING,

        /** The call path finished first: the reply, or the worker's own death, decides. */
        FINISHED,

        /** The deadline passed; the worker was killed. */
        TIMED_OUT,

        /** The caller cancelled the call; the worker was killed. */
        CANCELLED
    }

    private static final int NEW = -1;

    private final AtomicInteger state = new AtomicInteger(NEW);

    private volatile WorkerProcess worker;

    private volatile ScheduledFuture<?> deadline;

    /**
     * Starts guarding a call on its worker. A call cancelled before it started is not started.
     * @param worker the worker that runs the call
     * @param scheduler where the deadline runs
     * @param timeout the call's timeout, or {@code null} for none
     * @return {@code false} if the call was cancelled before it started: the worker was not touched
     * @throws java.util.concurrent.RejectedExecutionException if the pool's scheduler was shut down;
     *     the call did not start
     */
    boolean start(WorkerProcess worker, ScheduledExecutorService scheduler, Duration timeout) {
        this.worker = worker;
        if (timeout != null) {
            // Scheduled before the call counts as started: a closed scheduler rejects it while nothing ran.
            // The conversion saturates, so that a timeout of "forever" is one.
            this.deadline = scheduler.schedule(() -> end(Ending.TIMED_OUT), TimeUnit.NANOSECONDS.convert(timeout),
                    TimeUnit.NANOSECONDS);
        }
        if (!this.state.compareAndSet(NEW, Ending.RUNNING.ordinal())) {
            cancelDeadline();
            return false;
        }
        return true;
    }

    /**
     * Cancels the call: before it started, it never starts; while it runs, its worker is killed.
     * @return {@code true} if this cancellation ended the call
     */
    boolean cancel() {
        if (this.state.compareAndSet(NEW, Ending.CANCELLED.ordinal())) {
            return true;
        }
        return end(Ending.CANCELLED);
    }

    /**
     * Cancels the call only if it has not started: a running call is left to finish.
     * @return {@code true} if the call will not start
     */
    boolean cancelUnlessStarted() {
        return this.state.compareAndSet(NEW, Ending.CANCELLED.ordinal());
    }

    /**
     * Ends the call from the call path's side: the reply came, or the read failed.
     * @return how the call ended: {@link Ending#FINISHED} if the call path came first
     */
    Ending finish() {
        // Whoever ended the call, its deadline has nothing left to do.
        cancelDeadline();
        if (this.state.compareAndSet(Ending.RUNNING.ordinal(), Ending.FINISHED.ordinal())) {
            return Ending.FINISHED;
        }
        return Ending.values()[this.state.get()];
    }

    private void cancelDeadline() {
        ScheduledFuture<?> scheduled = this.deadline;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private boolean end(Ending ending) {
        if (this.state.compareAndSet(Ending.RUNNING.ordinal(), ending.ordinal())) {
            this.worker.kill();
            return true;
        }
        return false;
    }
}
