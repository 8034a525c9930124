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
     */
    boolean start(WorkerProcess worker, ScheduledExecutorService scheduler, Duration timeout) {
        this.worker = worker;
        if (!this.state.compareAndSet(NEW, Ending.RUNNING.ordinal())) {
            return false;
        }
        if (timeout != null) {
            this.deadline = scheduler.schedule(() -> end(Ending.TIMED_OUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
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
     * Ends the call from the call path's side: the reply came, or the read failed.
     * @return how the call ended: {@link Ending#FINISHED} if the call path came first
     */
    Ending finish() {
        if (this.state.compareAndSet(Ending.RUNNING.ordinal(), Ending.FINISHED.ordinal())) {
            ScheduledFuture<?> scheduled = this.deadline;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return Ending.FINISHED;
        }
        return Ending.values()[this.state.get()];
    }

    private boolean end(Ending ending) {
        if (this.state.compareAndSet(Ending.RUNNING.ordinal(), ending.ordinal())) {
            this.worker.kill();
            return true;
        }
        return false;
    }
}
