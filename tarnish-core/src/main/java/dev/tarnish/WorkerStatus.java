package dev.tarnish;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one worker process.
 *
 * @param pid the worker's process id
 * @param state the worker's state
 * @param calls how many calls the worker has completed
 * @param startedAt when the worker was spawned
 */
public record WorkerStatus(long pid, WorkerState state, long calls, Instant startedAt) {

    /**
     * Checks the fields.
     */
    public WorkerStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
