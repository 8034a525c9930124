package dev.tarnish;

/**
 * No worker could serve the call: workers fail to start, the crash-loop breaker is open, every worker
 * stayed busy past the wait bound, too many calls were already waiting, the caller was interrupted
 * while it waited, or the process was closed. Nothing was sent to a worker.
 */
public class WorkerUnavailableException extends TarnishException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param taskName the task's name
     * @param reason why no worker could serve
     * @param message the detail message
     * @param cause the last start-up failure, or {@code null}
     */
    public WorkerUnavailableException(String taskName, Reason reason, String message, Throwable cause) {
        super(taskName, -1, message, cause);
        this.reason = reason;
    }

    /**
     * Returns why no worker could serve the call.
     *
     * @return the reason
     */
    public Reason getReason() {
        return this.reason;
    }

    /**
     * Why no worker could serve a call.
     */
    public enum Reason {

        /** Workers kept dying before they could serve; calls are rejected until one starts. */
        CRASH_LOOP,

        /** Every worker stayed busy, or none finished starting, within the wait bound. */
        NO_IDLE_WORKER,

        /** More calls than {@code max-queued-calls} were already waiting for a worker. */
        QUEUE_FULL,

        /** The process was closed. */
        CLOSED,

        /** The call was made inside a worker process, which never starts workers of its own. */
        INSIDE_WORKER
    }
}
