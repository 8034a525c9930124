package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import dev.tarnish.internal.launch.ParentDeathSignal;

/**
 * Starts the processes of one pool, and knows those that are starting until they are handed over.
 *
 * <p>Every process is started from one thread that lives as long as the pool: the kernel's
 * parent-death signal ({@link ParentDeathSignal}) fires when the thread that started a process ends,
 * so a short-lived thread would kill its workers with it. Once closed, it starts nothing more.
 */
final class ProcessLauncher {

    /** Started but not yet handed over; the monitor of this set guards {@link #closed}. */
    private final Set<Process> starting = ConcurrentHashMap.newKeySet();

    /** Every process started and not yet exited, whatever its state: the last resort kills them all. */
    private final Set<Process> alive = ConcurrentHashMap.newKeySet();

    private final ExecutorService thread;

    private boolean closed;

    ProcessLauncher(String taskName) {
        this.thread = Executors.newSingleThreadExecutor(Threads.daemon("tarnish-" + taskName + "-launcher"));
    }

    /**
     * Returns a builder for a worker's command, behind the parent-death signal where the machine has it.
     * @param command the command
     * @return a builder to complete (environment, redirects) before {@link #start(ProcessBuilder)}
     */
    static ProcessBuilder builder(List<String> command) {
        List<String> prefixed = new ArrayList<>(ParentDeathSignal.commandPrefix());
        prefixed.addAll(command);
        return new ProcessBuilder(prefixed);
    }

    /**
     * Kills a process at once (SIGKILL) and leaves its pipes to its output drains. {@link
     * Process#destroyForcibly()} also closes the streams of the process: what it wrote just before it
     * died and the drains have not read yet, the last lines of its crash report, would be lost.
     * A process that has no {@link Process#toHandle() handle} (not one the JDK started) is killed its
     * own way.
     * @param process the process
     */
    static void kill(Process process) {
        ProcessHandle handle;
        try {
            handle = process.toHandle();
        }
        catch (UnsupportedOperationException ex) {
            process.destroyForcibly();
            return;
        }
        handle.destroyForcibly();
    }

    /**
     * Starts a process, now counted as starting.
     * @param builder the builder, from {@link #builder(List)}
     * @return the process
     * @throws IOException if it could not be started, or the launcher is closed
     */
    Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started;
        try {
            started = this.thread.submit(() -> {
                synchronized (this.starting) {
                    if (this.closed) {
                        throw new IOException("the pool is closed");
                    }
                    Process process = builder.start();
                    this.starting.add(process);
                    this.alive.add(process);
                    process.onExit().thenRun(() -> this.alive.remove(process));
                    return process;
                }
            });
        }
        catch (RejectedExecutionException ex) {
            throw new IOException("the pool is closed", ex);
        }
        try {
            return started.get();
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Cannot start a worker process", ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            // The process may start all the same: close() kills what is starting.
            throw new IOException("interrupted while starting the worker process", ex);
        }
    }

    /**
     * The process is no longer starting: ready and handed over, or dead.
     * @param process the process
     */
    void done(Process process) {
        this.starting.remove(process);
    }

    /** Returns the processes that are starting. */
    List<Process> starting() {
        return new ArrayList<>(this.starting);
    }

    /** Refuses to start any more processes and kills every one still starting. */
    void close() {
        synchronized (this.starting) {
            this.closed = true;
            this.starting.forEach(ProcessLauncher::kill);
        }
    }

    /** Kills every process this launcher started that is still alive. */
    void killAll() {
        this.alive.forEach(ProcessLauncher::kill);
    }

    boolean isClosed() {
        synchronized (this.starting) {
            return this.closed;
        }
    }

    /**
     * Ends the launcher thread; the kernel then kills any process it started that is still alive.
     * Call it last, once every worker was awaited.
     */
    void stop() {
        this.thread.shutdownNow();
    }
}
