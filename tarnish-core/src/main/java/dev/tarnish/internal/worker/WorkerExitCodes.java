package dev.tarnish.internal.worker;

/**
 * The exit statuses a worker uses on its own, so a supervisor (or a person reading {@code ps}
 * output) can tell them from a task's {@code System.exit}.
 */
public final class WorkerExitCodes {

    /** The caller asked the worker to stop, and it did. */
    public static final int SHUTDOWN = 0;

    /** The task could not be created; the reason was sent to the caller. */
    public static final int STARTUP_FAILED = 70;

    /** The channel broke or carried something that is not a message. */
    public static final int CHANNEL_LOST = 71;

    /** The parent process died; the worker ended itself. */
    public static final int PARENT_GONE = 72;

    private WorkerExitCodes() {
    }
}
