package dev.tarnish;

import java.util.OptionalLong;

/**
 * Base class of every failure of a call through tarnish. Each names the task and, where one was
 * involved, the worker's process id.
 */
public class TarnishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String taskName;

    private final long workerPid;

    /**
     * Creates an exception.
     *
     * @param taskName the task's name
     * @param workerPid the worker's process id, or a negative value if no worker was involved
     * @param message the detail message
     * @param cause the cause, or {@code null}
     */
    public TarnishException(String taskName, long workerPid, String message, Throwable cause) {
        super(message, cause);
        this.taskName = taskName;
        this.workerPid = workerPid;
    }

    /**
     * Returns the name of the task whose call failed.
     *
     * @return the task's name
     */
    public String getTaskName() {
        return this.taskName;
    }

    /**
     * Returns the process id of the worker that was involved, if any.
     *
     * @return the worker's pid, or empty if the call never reached a worker
     */
    public OptionalLong getWorkerPid() {
        return (this.workerPid >= 0) ? OptionalLong.of(this.workerPid) : OptionalLong.empty();
    }
}
