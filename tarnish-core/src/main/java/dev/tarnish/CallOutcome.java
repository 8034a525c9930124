package dev.tarnish;

import java.util.Locale;

/**
 * How a call ended, as counted in {@link TaskStatus} and tagged on the {@code tarnish.calls} meter
 * ({@link #tagValue()}).
 */
public enum CallOutcome {

    /** The task returned a value. */
    SUCCESS,

    /** The task threw ({@link TaskFailedException}). */
    FAILURE,

    /** The worker died during the call ({@link WorkerCrashedException}). */
    CRASH,

    /** The call ran past its timeout ({@link TaskTimeoutException}). */
    TIMEOUT,

    /**
     * No worker could serve the call ({@link WorkerUnavailableException}), or the calling thread was
     * interrupted before or during it.
     */
    REJECTED;

    /**
     * Returns the name used as a metric tag: lower case.
     *
     * @return the tag value, such as {@code success}
     */
    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
