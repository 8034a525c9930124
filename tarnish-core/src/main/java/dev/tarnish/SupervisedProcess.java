package dev.tarnish;

/**
 * An {@link IsolatedProcess} whose pool can be watched: a status snapshot and event listeners, for
 * health checks, metrics and management endpoints. Every process that tarnish builds is one.
 *
 * @param <T> the task type
 */
public interface SupervisedProcess<T extends Task<?, ?>> extends IsolatedProcess<T> {

    /**
     * Returns a snapshot of the pool.
     *
     * @return the current status
     */
    TaskStatus status();

    /**
     * Adds a listener for the pool's events.
     *
     * @param listener the listener
     */
    void addListener(TarnishListener listener);

    /**
     * Removes a listener added before; does nothing if it was not added.
     *
     * @param listener the listener
     */
    void removeListener(TarnishListener listener);

    /**
     * Starts the first workers of a process built to start later
     * ({@link IsolatedProcessBuilder#startLater()}); does nothing if they are started or starting
     * already, or if the process has no workers to start. Returns at once.
     */
    default void startWorkers() {
    }
}
