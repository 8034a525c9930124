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

    private CallEnding(CallOutcome outcome, Object value, Throwable failure) {
        this.outcome = outcome;
        this.value = value;
        this.failure = failure;
    }

    static CallEnding success(Object value) {
        return new CallEnding(CallOutcome.SUCCESS, value, null);
    }

    /**
     * An attempt that failed.
     * @param outcome how it counts
     * @param failure what the caller gets: a runtime exception, or an error passed on as it is
     * @return the ending
     */
    static CallEnding failed(CallOutcome outcome, Throwable failure) {
        return new CallEnding(outcome, null, failure);
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
