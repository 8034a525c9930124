package dev.tarnish.internal.supervise;

import dev.tarnish.CallOutcome;
import dev.tarnish.CrashReport;
import dev.tarnish.TaskTimeoutException;
import dev.tarnish.WorkerCrashedException;

/**
 * How one attempt of a call ended: its outcome, and the value or the exception for the caller. The
 * call path works it out; whoever made the call decides whether to try again, then counts the call
 * once and returns or throws.
 */
final class CallEnding {

    private final CallOutcome outcome;

    private final Object value;

    private final Throwable failure;

    private final boolean reachedWorker;

    private CallEnding(CallOutcome outcome, Object value, Throwable failure, boolean reachedWorker) {
        this.outcome = outcome;
        this.value = value;
        this.failure = failure;
        this.reachedWorker = reachedWorker;
    }

    static CallEnding success(Object value) {
        return new CallEnding(CallOutcome.SUCCESS, value, null, true);
    }

    /**
     * An attempt that failed.
     * @param outcome how it counts
     * @param failure what the caller gets: a runtime exception, or an error passed on as it is
     * @return the ending
     */
    static CallEnding failed(CallOutcome outcome, Throwable failure) {
        return new CallEnding(outcome, null, failure, true);
    }

    /**
     * An attempt whose worker died.
     * @param crash the exception for the caller
     * @param reachedWorker whether the worker had the call: {@code false} if it was dead before the call
     *     was sent, or the call could not be written to it
     * @return the ending
     */
    static CallEnding crashed(WorkerCrashedException crash, boolean reachedWorker) {
        return new CallEnding(CallOutcome.CRASH, null, crash, reachedWorker);
    }

    /**
     * Whether the worker had the call when the attempt ended. A crash of a worker that never had it
     * says nothing about the input, and the call may be sent again whatever the task does.
     */
    boolean reachedWorker() {
        return this.reachedWorker;
    }

    CallOutcome outcome() {
        return this.outcome;
    }

    /** The exception for the caller, or {@code null} after a success. */
    Throwable failure() {
        return this.failure;
    }

    /** The report of the worker that died during the attempt, or {@code null}. */
    CrashReport crash() {
        return (this.failure instanceof WorkerCrashedException crashed) ? crashed.getReport() : null;
    }

    boolean timedOut() {
        return this.failure instanceof TaskTimeoutException;
    }

    /**
     * Returns the value, or throws the failure.
     * @param <O> the output type
     * @return the value
     */
    @SuppressWarnings("unchecked")
    <O> O get() {
        if (this.failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (this.failure instanceof Error error) {
            throw error;
        }
        return (O) this.value;
    }
}
