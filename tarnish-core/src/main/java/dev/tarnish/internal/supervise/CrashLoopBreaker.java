package dev.tarnish.internal.supervise;

import java.time.Duration;

import dev.tarnish.TaskSettings;

/**
 * Counts workers that die before they can serve, in a row. Each failure doubles the delay before the
 * next start (up to a maximum); after {@link TaskSettings#crashLoopThreshold()} of them the breaker is
 * open: while no worker is running, calls are rejected at once instead of waiting for a worker that
 * will not come (workers still running keep serving). Not thread-safe: guarded by the pool's lock.
 */
final class CrashLoopBreaker {

    private final TaskSettings settings;

    private int failuresInRow;

    private StartupFailure lastFailure;

    CrashLoopBreaker(TaskSettings settings) {
        this.settings = settings;
    }

    /**
     * Counts a worker that died before it was ready or before its first call.
     * @param failure what happened
     * @return how long to wait before starting the next worker
     */
    Duration failed(StartupFailure failure) {
        this.failuresInRow++;
        this.lastFailure = failure;
        long initial = this.settings.restartBackoff().toMillis();
        long max = this.settings.maxRestartBackoff().toMillis();
        int shift = Math.min(this.failuresInRow - 1, 30);
        return Duration.ofMillis(Math.min(max, initial << shift));
    }

    /** A worker became ready: the run of failures is over. */
    void started() {
        this.failuresInRow = 0;
        this.lastFailure = null;
    }

    boolean isOpen() {
        return this.failuresInRow >= this.settings.crashLoopThreshold();
    }

    int failuresInRow() {
        return this.failuresInRow;
    }

    /** The last start-up failure, as the cause of a rejection; {@code null} after a start. */
    StartupFailure lastFailure() {
        return this.lastFailure;
    }
}
