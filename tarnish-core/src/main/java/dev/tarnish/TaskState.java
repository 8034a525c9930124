package dev.tarnish;

/**
 * The state of a task's pool of workers.
 */
public enum TaskState {

    /** No worker has become ready yet. */
    STARTING,

    /** At least one worker is ready or busy. */
    RUNNING,

    /** Workers keep dying before they could serve; calls are rejected until one starts. */
    CRASH_LOOP,

    /** The pool was closed; terminal. */
    CLOSED
}
