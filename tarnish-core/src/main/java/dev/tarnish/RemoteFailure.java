package dev.tarnish;

/**
 * An exception that was thrown in a worker process, as seen from the caller: its class name,
 * message, stack trace and cause, without the need to load the remote class.
 */
public final class RemoteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    /**
     * Creates a remote failure.
     *
     * @param remoteClassName the fully qualified class name of the remote exception
     * @param message the remote exception's message, or {@code null}
     * @param stackTrace the remote stack trace
     * @param cause the remote cause, or {@code null}
     */
    public RemoteFailure(String remoteClassName, String message, StackTraceElement[] stackTrace, RemoteFailure cause) {
        super(message, cause, false, true);
        this.remoteClassName = remoteClassName;
        setStackTrace(stackTrace);
    }

    /**
     * Returns the fully qualified class name of the remote exception.
     *
     * @return the remote class name
     */
    public String getRemoteClassName() {
        return this.remoteClassName;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return (message != null) ? this.remoteClassName + ": " + message : this.remoteClassName;
    }
}
