package dev.tarnish;

import java.time.Duration;

/**
 * The call ran past its timeout. The worker was killed (native code cannot be interrupted) and a
 * replacement is started.
 */
public class TaskTimeoutException extends TarnishException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * Creates an exception.
     *
     * @param taskName the task's name
     * @param workerPid the pid of the worker that was killed
     * @param timeout the timeout that was exceeded
     */
    public TaskTimeoutException(String taskName, long workerPid, Duration timeout) {
        super(taskName, workerPid, "Task '" + taskName + "' ran past its timeout of " + timeout
                + "; worker " + workerPid + " was killed", null);
        this.timeout = timeout;
    }

    /**
     * Returns the timeout the call ran past.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
        return this.timeout;
    }
}
