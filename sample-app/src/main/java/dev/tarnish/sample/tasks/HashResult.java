package dev.tarnish.sample.tasks;

/**
 * A hash, and who computed it.
 *
 * @param sha256 the hex SHA-256 after all rounds
 * @param workerPid the worker's pid
 */
public record HashResult(String sha256, long workerPid) {
}
