package dev.tarnish.internal.supervise;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for a pool's own threads: daemon threads, so that a pool that was never closed
 * cannot keep the JVM alive, each factory with its own counter.
 */
final class Threads {

    private Threads() {
    }

    /** Idle threads end after this long, so a quiet pool holds no threads beyond its workers' drains. */
    private static final long KEEP_ALIVE_SECONDS = 5;

    /**
     * An executor that grows as needed and shrinks back to no threads when idle.
     * @param prefix the thread name prefix
     * @return the executor
     */
    static ExecutorService elastic(String prefix) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon(prefix));
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return (runnable) -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
