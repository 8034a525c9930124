package dev.tarnish;

import java.util.Locale;

/**
 * What ended a worker that died without being asked to. Used in {@link CrashReport} and as the
 * {@code cause} tag of the {@code tarnish.crashes} meter ({@link #tagValue()}).
 */
public enum CrashCause {

    /** The JVM hit a fatal error, usually a signal in native code (SIGSEGV, SIGBUS, ...), and wrote a fatal error log. */
    NATIVE_CRASH,

    /** The worker ran out of Java heap, metaspace or threads and was ended so that it does not live on poisoned. */
    OUT_OF_MEMORY,

    /** A signal ended the worker without a fatal error log: {@code abort()} (SIGABRT), a kill from outside (SIGKILL). */
    SIGNAL,

    /** The worker exited with a status of its own: {@code System.exit}, {@code Runtime.halt}. */
    EXIT,

    /** The worker broke the protocol (garbage, an oversized frame) and was killed. */
    PROTOCOL_ERROR,

    /** The worker died or failed before it was ready to serve its first call. */
    STARTUP_FAILURE,

    /** An idle worker did not answer a health check in time (stopped, frozen, deadlocked) and was killed. */
    UNRESPONSIVE;

    /**
     * Returns the name used as a metric tag and in JSON: lower case, words joined by {@code -}.
     *
     * @return the tag value, such as {@code native-crash}
     */
    public String tagValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
