package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;
import dev.tarnish.WorkerStatus;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.FrameChannel;
import dev.tarnish.internal.protocol.MessageType;

/**
 * One worker: its process, its channel, the drains of its output, and where it is in its
 * {@link WorkerLifecycle}. The pool moves it from state to state under the pool's lock; a call is
 * made by the one caller that holds the worker.
 */
final class WorkerProcess {

    /** How long a worker that closed its channel gets to finish exiting before it is killed. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    /** How long the output drains get to read what a dead worker left in its pipes. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final String taskName;

    private final Process process;

    private final FrameChannel channel;

    private final OutputDrain stdout;

    private final OutputDrain stderr;

    private final Path fatalErrorFile;

    private final Instant startedAt;

    private final AtomicLong calls = new AtomicLong();

    /** Where to look whether the kernel's out-of-memory killer ended this worker, or {@code null}. */
    private final MemoryCgroup cgroup;

    private final long oomKillsAtStart;

    /** Whether the worker was alone in its memory cgroup, so that an out-of-memory kill there is its own. */
    private final boolean aloneInCgroup;

    private final AtomicBoolean channelClosed = new AtomicBoolean();

    /** Whether tarnish killed it: a SIGKILL of its own is never the kernel's out-of-memory killer. */
    private volatile boolean killed;

    /** Changed under the pool's lock, only through {@link #moveTo}; read without it by the spawner. */
    private volatile WorkerLifecycle lifecycle = WorkerLifecycle.STARTING;

    /** Guarded by the pool's lock: a worker is starting to take this one's place. */
    private boolean replacementComing;

    WorkerProcess(String taskName, Process process, FrameChannel channel, OutputDrain stdout, OutputDrain stderr,
            Path fatalErrorFile, Instant startedAt) {
        this.taskName = taskName;
        this.process = process;
        this.channel = channel;
        this.stdout = stdout;
        this.stderr = stderr;
        this.fatalErrorFile = fatalErrorFile;
        this.startedAt = startedAt;
        this.cgroup = process.isAlive() ? MemoryCgroup.of(process.pid()) : null;
        this.oomKillsAtStart = (this.cgroup != null) ? this.cgroup.oomKills() : -1;
        this.aloneInCgroup = this.cgroup != null && this.cgroup.holdsOnly(process.pid());
    }

    long pid() {
        return this.process.pid();
    }

    Process process() {
        return this.process;
    }

    WorkerLifecycle lifecycle() {
        return this.lifecycle;
    }

    /**
     * Moves the worker to its next state. Called with the pool's lock held.
     * @param target the next state
     * @throws IllegalStateException if the lifecycle does not allow the move
     */
    void moveTo(WorkerLifecycle target) {
        if (!this.lifecycle.canMoveTo(target)) {
            throw new IllegalStateException("Worker " + pid() + " of task '" + this.taskName + "' cannot move from "
                    + this.lifecycle + " to " + target);
        }
        this.lifecycle = target;
    }

    boolean replacementComing() {
        return this.replacementComing;
    }

    void replacementComing(boolean coming) {
        this.replacementComing = coming;
    }

    long calls() {
        return this.calls.get();
    }

    long countCall() {
        return this.calls.incrementAndGet();
    }

    WorkerStatus status() {
        return new WorkerStatus(pid(), this.lifecycle.publicState(), this.calls.get(), this.startedAt);
    }

    /**
     * Sends a call and waits for the reply, on the caller's thread.
     * @param call the {@code CALL} frame
     * @param byteStringTypes the reply types to read as byte-string frames, from the task's codec
     * @return the reply frame
     * @throws IOException if the worker died, was killed or broke the protocol
     */
    Frame exchange(Frame call, Set<MessageType> byteStringTypes) throws IOException {
        send(call);
        return receive(byteStringTypes);
    }

    /**
     * Sends a frame, on the caller's thread.
     * @param frame the frame
     * @throws IOException if the worker is gone or was killed
     */
    void send(Frame frame) throws IOException {
        this.channel.write(frame);
    }

    /**
     * Waits for the worker's next frame, on the caller's thread.
     * @param byteStringTypes the types to read as byte-string frames, from the task's codec
     * @return the frame
     * @throws IOException if the worker died, was killed or broke the protocol
     */
    Frame receive(Set<MessageType> byteStringTypes) throws IOException {
        return this.channel.read(byteStringTypes);
    }

    /**
     * Asks the worker to finish and exit; failures are ignored, the caller kills it after a grace.
     */
    void requestShutdown() {
        try {
            this.channel.write(Frame.empty(MessageType.SHUTDOWN));
        }
        catch (IOException ex) {
            // Already gone or going: the kill that follows makes sure.
        }
    }

    /**
     * Kills the worker at once (SIGKILL) and closes its channel; a call blocked on it ends.
     */
    void kill() {
        this.killed = true;
        ProcessLauncher.kill(this.process);
        closeChannel();
    }

    /**
     * Closes the channel, once: a second close returns at once. After a deadline or a cancellation,
     * the watchdog's kill is still closing the channel when the caller, whose read it ended, closes it
     * again; that close would wait for the first on the channel's monitor, and on JDK 21 to 23 a
     * virtual thread waiting for a monitor holds its carrier.
     */
    void closeChannel() {
        if (!this.channelClosed.compareAndSet(false, true)) {
            return;
        }
        try {
            this.channel.close();
        }
        catch (IOException ex) {
            // Nothing to do: the channel is unusable either way.
        }
    }

    /**
     * Waits for the worker to exit, killing it if it outlives the grace period.
     * @param grace how long to wait before the kill
     * @return the exit status, or {@code null} if it could not be reaped
     */
    Integer awaitExit(Duration grace) {
        try {
            return this.process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS).exitValue();
        }
        catch (TimeoutException ex) {
            this.killed = true;
            ProcessLauncher.kill(this.process);
            try {
                return this.process.onExit().get(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS).exitValue();
            }
            catch (TimeoutException | ExecutionException ignored) {
                return null;
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        catch (ExecutionException ex) {
            return null;
        }
        catch (InterruptedException ex) {
            // Whoever waits gives up: the worker must not outlive the wait it was given.
            this.killed = true;
            ProcessLauncher.kill(this.process);
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Collects what is known about this worker's death, after waiting for it to exit and for its
     * output to be drained.
     * @param knownCause the cause when the supervisor already knows it (it killed the worker), or
     *     {@code null} to work it out from the exit status, crash log and output
     * @param knownDetail a detail to report with a known cause, or {@code null}
     * @return the report
     */
    CrashReport crashReport(CrashCause knownCause, String knownDetail) {
        Integer exitCode = awaitExit(EXIT_GRACE);
        this.stderr.awaitEnd(DRAIN_GRACE);
        this.stdout.awaitEnd(DRAIN_GRACE);
        CrashReports.KernelOom oom = CrashReports.KernelOom.NO;
        if (knownCause == null && !this.killed && this.oomKillsAtStart >= 0
                && this.cgroup.oomKills() > this.oomKillsAtStart) {
            oom = this.aloneInCgroup ? CrashReports.KernelOom.SURELY : CrashReports.KernelOom.POSSIBLY;
        }
        return CrashReports.build(this.taskName, pid(), exitCode, this.fatalErrorFile, this.stderr.tail(),
                this.stdout.tail(), knownCause, knownDetail, oom);
    }
}
