package dev.tarnish.internal.supervise;

import java.time.Duration;

/**
 * How {@link WorkerSlots} has processes started and stopped: each method returns at once, under the
 * slots' lock, and the work happens on other threads.
 */
interface ProcessControl {

    /**
     * Starts a worker after a delay.
     * @param delay the delay, zero for now
     * @param replaced the worker the new one replaces (retired once it is ready), or {@code null}
     * @param restart whether the start counts as a restart (anything but the pool's first workers)
     */
    void start(Duration delay, WorkerProcess replaced, boolean restart);

    /**
     * Stops a worker gracefully: the shutdown message, the grace period, then a kill.
     * @param worker the worker, now stopping
     */
    void stop(WorkerProcess worker);

    /**
     * Returns how many workers are starting.
     * @return the count
     */
    int startingCount();
}
