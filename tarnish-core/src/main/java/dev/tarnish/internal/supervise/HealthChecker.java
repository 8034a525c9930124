package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.tarnish.CrashCause;
import dev.tarnish.TaskSettings;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.MessageType;

/**
 * Asks every idle worker, once per {@link TaskSettings#healthCheckInterval()}, to answer at once. A
 * worker that does not answer within {@value #ANSWER_SECONDS} s (stopped by SIGSTOP, frozen, its loop
 * deadlocked) is killed, reported as a crash of cause {@link CrashCause#UNRESPONSIVE} and replaced:
 * from the check on, no call is sent to it. The wait is the same whatever the interval, so that a
 * short interval on a loaded machine does not kill healthy workers. A worker in a call is left alone:
 * its call timeout, if any, watches it.
 */
final class HealthChecker {

    static final int ANSWER_SECONDS = 5;

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(ANSWER_SECONDS);

    private final WorkerSlots slots;

    private final PoolEvents events;

    private final ScheduledExecutorService scheduler;

    private final ExecutorService supervisor;

    private final Duration interval;


    private ScheduledFuture<?> ticks;

    HealthChecker(TaskSettings settings, WorkerSlots slots, PoolEvents events, ScheduledExecutorService scheduler,
            ExecutorService supervisor) {
        this.slots = slots;
        this.events = events;
        this.scheduler = scheduler;
        this.supervisor = supervisor;
        this.interval = settings.healthCheckInterval();
    }

    /** Starts the checks, unless the interval is zero. */
    void start() {
        if (this.interval.isZero()) {
            return;
        }
        long millis = Math.max(1, this.interval.toMillis());
        this.ticks = this.scheduler.scheduleWithFixedDelay(this::checkIdleWorkers, millis, millis,
                TimeUnit.MILLISECONDS);
    }

    private void checkIdleWorkers() {
        for (WorkerProcess worker : this.slots.takeIdleForCheck()) {
            try {
                this.supervisor.execute(() -> checkOrGiveBack(worker));
            }
            catch (RuntimeException | Error ex) {
                // Closing, or no thread to be had: this worker is not checked this time, but given back.
                this.slots.checked(worker);
            }
        }
    }

    /** Every worker taken for a check goes back, whatever happens: else its slot would be lost. */
    private void checkOrGiveBack(WorkerProcess worker) {
        try {
            check(worker);
        }
        catch (RuntimeException | Error ex) {
            worker.kill();
            this.slots.failedCheck(worker);
            throw ex;
        }
    }

    private void check(WorkerProcess worker) {
        CallGuard guard = new CallGuard();
        Frame answer = null;
        IOException broken = null;
        try {
            guard.start(worker, this.scheduler, ANSWER_WITHIN);
            answer = worker.exchange(Frame.empty(MessageType.PING), Set.of());
        }
        catch (IOException ex) {
            broken = ex;
        }
        catch (RejectedExecutionException ex) {
            // The pool is closing and its scheduler is gone: no check.
            this.slots.checked(worker);
            return;
        }
        CallGuard.Ending ending = guard.finish();
        if (ending == CallGuard.Ending.FINISHED && broken == null && answer.type() == MessageType.PONG) {
            this.slots.checked(worker);
            return;
        }
        CrashCause knownCause;
        String detail;
        if (ending == CallGuard.Ending.TIMED_OUT) {
            knownCause = CrashCause.UNRESPONSIVE;
            detail = "did not answer a health check within " + ANSWER_SECONDS + " s; killed";
        }
        else if (broken != null) {
            // It died while idle, just as it was asked: its own exit status tells why.
            knownCause = null;
            detail = null;
        }
        else {
            knownCause = CrashCause.PROTOCOL_ERROR;
            detail = "answered a health check with " + answer.type();
        }
        if (knownCause != null) {
            worker.kill();
        }
        worker.closeChannel();
        // The replacement starts before the report is collected, which can take seconds.
        this.slots.failedCheck(worker);
        this.events.workerCrashed(worker.crashReport(knownCause, detail));
    }

    /** Stops the checks. */
    void stop() {
        ScheduledFuture<?> scheduled = this.ticks;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
