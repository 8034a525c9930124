package dev.tarnish;

/**
 * The state of one worker process.
 */
public enum WorkerState {

    /** Spawned, not yet ready to serve. */
    STARTING,

    /** Ready, waiting for a call. */
    IDLE,

    /** Serving a call. */
    BUSY,

    /** Asked to stop (recycled, restarted or closed); serves no more calls. */
    STOPPING
}
