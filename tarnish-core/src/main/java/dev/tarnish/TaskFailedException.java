package dev.tarnish;

/**
 * The task threw an exception in the worker. The worker is alive and is reused.
 *
 * <p>The remote exception cannot be re-created in the caller (its class may not even be loadable
 * there), so it is carried as a {@link RemoteFailure} cause with the remote class name, message and
 * stack trace, and its chain of causes.
 */
public class TaskFailedException extends TarnishException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param taskName the task's name
     * @param workerPid the pid of the worker where the task threw
     * @param remote the exception thrown in the worker
     */
    public TaskFailedException(String taskName, long workerPid, RemoteFailure remote) {
        super(taskName, workerPid, "Task '" + taskName + "' failed in worker " + workerPid + ": " + remote, remote);
    }

    /**
     * Returns the exception thrown in the worker.
     *
     * @return the remote exception
     */
    public RemoteFailure getRemoteFailure() {
        return (RemoteFailure) getCause();
    }

    /**
     * Returns the fully qualified class name of the exception thrown in the worker.
     *
     * @return the remote exception's class name
     */
    public String getRemoteClassName() {
        return getRemoteFailure().getRemoteClassName();
    }

    /**
     * Returns the message of the exception thrown in the worker.
     *
     * @return the remote exception's message, or {@code null}
     */
    public String getRemoteMessage() {
        return getRemoteFailure().getMessage();
    }

    /**
     * Returns the stack trace of the exception thrown in the worker.
     *
     * @return the remote stack trace
     */
    public StackTraceElement[] getRemoteStackTrace() {
        return getRemoteFailure().getStackTrace();
    }
}
