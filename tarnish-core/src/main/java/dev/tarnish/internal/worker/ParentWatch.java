package dev.tarnish.internal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the worker the moment its parent dies, even while the task is stuck in native code.
 *
 * <p>The parent holds the write end of the worker's stdin and never writes to it: when the parent
 * dies, for whatever reason including SIGKILL, the kernel closes that end and a read here returns
 * end-of-stream at once. A second thread polls the parent's {@link ProcessHandle} as a backstop, in
 * case stdin was redirected. Both are daemon threads and halt the JVM without running shutdown
 * hooks, which could block on the stuck task.
 */
public final class ParentWatch {

    private static final AtomicBoolean started = new AtomicBoolean();

    private static final long POLL_MILLIS = 1000;

    private ParentWatch() {
    }

    /**
     * Starts watching, once per JVM; later calls do nothing.
     */
    public static void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        daemon("tarnish-parent-stdin", ParentWatch::awaitEndOfStdin).start();
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        parent.ifPresent((handle) -> daemon("tarnish-parent-poll", () -> pollParent(handle)).start());
    }

    private static void awaitEndOfStdin() {
        InputStream in = System.in;
        byte[] discard = new byte[256];
        try {
            while (in.read(discard) >= 0) {
                // The parent never writes; anything that arrives is ignored.
            }
        }
        catch (IOException ex) {
            // A broken stdin means the same as its end: the parent is gone.
        }
        Runtime.getRuntime().halt(WorkerExitCodes.PARENT_GONE);
    }

    private static void pollParent(ProcessHandle parent) {
        while (parent.isAlive()) {
            try {
                Thread.sleep(POLL_MILLIS);
            }
            catch (InterruptedException ex) {
                return;
            }
        }
        Runtime.getRuntime().halt(WorkerExitCodes.PARENT_GONE);
    }

    private static Thread daemon(String name, Runnable action) {
        Thread thread = new Thread(action, name);
        thread.setDaemon(true);
        return thread;
    }
}
