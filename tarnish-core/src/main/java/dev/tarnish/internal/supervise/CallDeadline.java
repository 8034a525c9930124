package dev.tarnish.internal.supervise;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The timeout of one call: at the deadline the worker is killed, which ends the caller's blocked
 * read. Whichever comes first, the reply or the deadline, wins; the other side sees it lost.
 */
final class CallDeadline {

    private static final int ARMED = 0;

    private static final int DISARMED = 1;

    private static final int FIRED = 2;

    private final AtomicInteger state = new AtomicInteger(ARMED);

    private final ScheduledFuture<?> future;

    private CallDeadline(ScheduledExecutorService scheduler, WorkerProcess worker, Duration timeout) {
        this.future = scheduler.schedule(() -> {
            if (this.state.compareAndSet(ARMED, FIRED)) {
                worker.kill();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    static CallDeadline arm(ScheduledExecutorService scheduler, WorkerProcess worker, Duration timeout) {
        return new CallDeadline(scheduler, worker, timeout);
    }

    /**
     * Cancels the deadline once the reply is in.
     * @return {@code true} if the reply beat the deadline, {@code false} if the worker was killed
     */
    boolean disarm() {
        if (this.state.compareAndSet(ARMED, DISARMED)) {
            this.future.cancel(false);
            return true;
        }
        return false;
    }

    boolean fired() {
        return this.state.get() == FIRED;
    }
}
