package dev.tarnish;

import java.time.Duration;

/**
 * Receives what happens in a task's pool, for metrics and logs. Every method has an empty default.
 *
 * <p>Methods are called on the thread where the event happened (a caller's thread, a supervisor
 * thread), never while the pool holds a lock; they must be quick and must not call back into the
 * pool. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface TarnishListener {

    /**
     * A call ended.
     *
     * @param taskName the task's name
     * @param outcome how it ended
     * @param duration from the call's start, including the wait for a worker
     */
    default void callCompleted(String taskName, CallOutcome outcome, Duration duration) {
    }

    /**
     * A worker died without being asked to.
     *
     * @param report what is known about the crash
     */
    default void workerCrashed(CrashReport report) {
    }

    /**
     * A worker became ready to serve.
     *
     * @param taskName the task's name
     * @param pid the worker's process id
     * @param startup from spawn to ready
     * @param replacement whether it replaces a worker that died, was recycled or was restarted
     */
    default void workerStarted(String taskName, long pid, Duration startup, boolean replacement) {
    }

    /**
     * A call is run again after its worker crashed (or timed out, with {@code retryOnTimeout}), on the
     * way to the call's one {@link #callCompleted}.
     *
     * @param taskName the task's name
     * @param cause why the attempt failed: a {@link WorkerCrashedException} or {@link TaskTimeoutException}
     */
    default void callRetried(String taskName, TarnishException cause) {
    }

    /**
     * An input was refused without being sent, because it crashed too many workers.
     *
     * @param refusal the exception the caller gets, with the crashes
     */
    default void inputRefused(PoisonInputException refusal) {
    }
}
