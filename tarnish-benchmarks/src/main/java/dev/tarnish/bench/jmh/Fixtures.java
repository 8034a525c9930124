package dev.tarnish.bench.jmh;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.Task;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerState;
import dev.tarnish.bench.peer.Jvm;

/**
 * What the benchmark states share: starting a tarnish process and waiting for its workers, and the
 * safety net that kills every child when a benchmark JVM exits.
 */
final class Fixtures {

    private static final AtomicBoolean hooked = new AtomicBoolean();

    private Fixtures() {
    }

    /** Makes sure no child of this JVM survives it, however the benchmark ends. */
    static void killChildrenOnExit() {
        if (hooked.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(Jvm::killDescendants, "kill-children"));
        }
    }

    /**
     * Starts a tarnish process and waits until all its workers are idle.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static SupervisedProcess<?> tarnish(Class<? extends Task<?, ?>> taskClass, int workers) {
        killChildrenOnExit();
        SupervisedProcess<?> process = Tarnish.process((Class) taskClass).name("bench")
            .settings(TaskSettings.builder().workers(workers).build()).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (process.status().countWorkers(WorkerState.IDLE) < workers) {
            if (System.nanoTime() > deadline) {
                process.close();
                throw new IllegalStateException("Workers not ready within 60 s: " + process.status());
            }
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        return process;
    }
}
