package dev.tarnish.internal.supervise;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.tarnish.CallOutcome;
import dev.tarnish.CrashReport;
import dev.tarnish.PoisonInputException;
import dev.tarnish.TarnishException;
import dev.tarnish.TarnishListener;
import dev.tarnish.TaskState;
import dev.tarnish.TaskStatus;
import dev.tarnish.WorkerStatus;

/**
 * A pool's counters and listeners: every event is counted here and then passed to the listeners,
 * each guarded so that a failing listener can neither break the pool nor starve the others.
 */
final class PoolEvents {

    private static final Logger logger = System.getLogger(PoolEvents.class.getName());

    private final String taskName;

    private final List<TarnishListener> listeners = new CopyOnWriteArrayList<>();

    private final LongAdder calls = new LongAdder();

    private final LongAdder failures = new LongAdder();

    private final LongAdder crashes = new LongAdder();

    private final LongAdder timeouts = new LongAdder();

    private final LongAdder restarts = new LongAdder();

    private final LongAdder rejected = new LongAdder();

    private final LongAdder retries = new LongAdder();

    private final LongAdder poisonRefusals = new LongAdder();

    private final AtomicReference<CrashReport> lastCrash = new AtomicReference<>();

    PoolEvents(String taskName) {
        this.taskName = taskName;
    }

    void add(TarnishListener listener) {
        this.listeners.add(listener);
    }

    void remove(TarnishListener listener) {
        this.listeners.remove(listener);
    }

    void callCompleted(CallOutcome outcome, long startNanos) {
        this.calls.increment();
        switch (outcome) {
            case FAILURE -> this.failures.increment();
            case TIMEOUT -> this.timeouts.increment();
            case REJECTED -> this.rejected.increment();
            default -> {
            }
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        notifyAll((listener) -> listener.callCompleted(this.taskName, outcome, duration));
    }

    void workerCrashed(CrashReport report) {
        this.crashes.increment();
        this.lastCrash.set(report);
        logger.log(Level.WARNING, report.describe());
        notifyAll((listener) -> listener.workerCrashed(report));
    }

    void workerStarted(long pid, Duration startup, boolean replacement) {
        if (replacement) {
            this.restarts.increment();
        }
        logger.log(Level.DEBUG, () -> "Worker " + pid + " of task '" + this.taskName + "' ready in "
                + startup.toMillis() + " ms");
        notifyAll((listener) -> listener.workerStarted(this.taskName, pid, startup, replacement));
    }

    /**
     * Returns the task's status with these counters.
     * @param state the task's state
     * @param workers its workers
     * @param quarantinedInputs how many inputs are refused now
     * @return the status
     */
    TaskStatus status(TaskState state, List<WorkerStatus> workers, int quarantinedInputs) {
        return new TaskStatus(this.taskName, state, workers, this.calls.sum(), this.failures.sum(),
                this.crashes.sum(), this.timeouts.sum(), this.restarts.sum(), this.rejected.sum(),
                this.lastCrash.get(), this.retries.sum(), this.poisonRefusals.sum(), quarantinedInputs);
    }

    void callRetried(Throwable cause) {
        this.retries.increment();
        TarnishException failure = (TarnishException) cause;
        logger.log(Level.INFO, () -> "Call of task '" + this.taskName + "' retried after: " + failure.getMessage());
        notifyAll((listener) -> listener.callRetried(this.taskName, failure));
    }

    void inputRefused(PoisonInputException refusal) {
        this.poisonRefusals.increment();
        notifyAll((listener) -> listener.inputRefused(refusal));
    }

    private void notifyAll(Consumer<TarnishListener> event) {
        for (TarnishListener listener : this.listeners) {
            try {
                event.accept(listener);
            }
            catch (RuntimeException ex) {
                logger.log(Level.WARNING, "Listener " + listener + " of task '" + this.taskName + "' failed", ex);
            }
        }
    }
}
