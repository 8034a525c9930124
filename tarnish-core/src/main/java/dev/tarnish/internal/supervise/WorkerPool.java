package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.tarnish.CallOutcome;
import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;
import dev.tarnish.RemoteFailure;
import dev.tarnish.SupervisedProcess;
import dev.tarnish.Task;
import dev.tarnish.TarnishException;
import dev.tarnish.TarnishListener;
import dev.tarnish.TaskFailedException;
import dev.tarnish.TaskSettings;
import dev.tarnish.TaskState;
import dev.tarnish.TaskStatus;
import dev.tarnish.TaskTimeoutException;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;
import dev.tarnish.WorkerUnavailableException;
import dev.tarnish.WorkerUnavailableException.Reason;
import dev.tarnish.internal.launch.PrivateDirectory;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.PayloadCodec;
import dev.tarnish.internal.protocol.ProtocolException;
import dev.tarnish.internal.protocol.RemoteErrors;
import tools.jackson.core.JacksonException;

/**
 * The pool of worker processes of one task, and the supervisor that keeps it full.
 *
 * <p>A call runs on the caller's thread from end to end: take an idle worker, write the call, read
 * the reply, give the worker back. A worker that dies is replaced at once; workers that die before
 * they are ready are restarted with exponential backoff, and after
 * {@link TaskSettings#crashLoopThreshold()} such failures in a row the crash-loop breaker opens and
 * calls are rejected until a worker starts. Thread-safe; the state of the workers is guarded by one
 * lock that is never held while waiting on a process or calling a listener.
 *
 * @param <T> the task type
 */
public final class WorkerPool<T extends Task<?, ?>> implements SupervisedProcess<T> {

    private static final Logger logger = System.getLogger(WorkerPool.class.getName());

    private final String name;

    private final TaskSettings settings;

    private final PrivateDirectory directory;

    private final WorkerSpawner spawner;

    private final PoolEvents events;

    private final CallPath calls;

    private final ScheduledExecutorService scheduler;

    private final ExecutorService supervisor;

    private final ExecutorService asyncCalls;

    private final Thread shutdownHook;

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition changed = this.lock.newCondition();

    /**
     * Ready workers, taken in turn (first in, first out): every worker, a standby one included, serves
     * calls and stays warm, so the one left after a crash answers at full speed.
     */
    private final ArrayDeque<WorkerProcess> idle = new ArrayDeque<>();

    /** Every worker that is ready or busy; not those starting or stopping. */
    private final Set<WorkerProcess> live = new LinkedHashSet<>();

    private int startsPending;

    /** Calls in progress: at most {@code workers}, whatever the number of standby workers. */
    private int busy;



    private final CrashLoopBreaker breaker;

    private boolean closed;

    /**
     * Creates a pool and starts its workers in the background.
     * @param name the task's name
     * @param taskClass the task class; neither initialized nor instantiated here
     * @param settings the settings
     * @param launch how to start a worker
     * @param listeners listeners to add before the first worker starts
     */
    public WorkerPool(String name, Class<T> taskClass, TaskSettings settings, WorkerLaunch launch,
            List<TarnishListener> listeners) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        // First, before any thread or file exists: a task class without concrete types fails here.
        PayloadCodec codec = PayloadCodec.forTask(taskClass);
        codec.warmUp();
        this.events = new PoolEvents(name);
        listeners.forEach(this.events::add);
        this.scheduler = scheduler(name);
        this.supervisor = Threads.elastic("tarnish-" + name + "-supervisor");
        this.asyncCalls = Threads.elastic("tarnish-" + name + "-call");
        this.directory = PrivateDirectory.create();
        this.spawner = new WorkerSpawner(name, taskClass.getName(), settings, launch, this.directory, this.scheduler);
        this.breaker = new CrashLoopBreaker(settings);
        this.calls = new CallPath(name, settings, codec, this.events, this.scheduler, new PoolWorkers());
        this.shutdownHook = new Thread(this::killEverything, "tarnish-" + name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
        this.lock.lock();
        try {
            for (int i = 0; i < processCount(); i++) {
                startWorker(Duration.ZERO, false);
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public <O> O call(Object input) {
        return this.calls.send(this.calls.encode(input), this.settings.callTimeout());
    }

    @Override
    public <O> O call(Object input, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Timeout must be positive, was " + timeout);
        }
        return this.calls.send(this.calls.encode(input), timeout);
    }

    @Override
    public <O> CompletableFuture<O> callAsync(Object input) {
        Frame call = this.calls.encode(input);
        if (call.byteString()) {
            // A synchronous call sends the caller's array as it is; an asynchronous one returns at
            // once, and the caller may reuse the array before a worker takes the call: send a copy.
            call = new Frame(call.type(), call.payload().clone(), true);
        }
        Frame snapshot = call;
        try {
            return CompletableFuture.supplyAsync(() -> this.calls.send(snapshot, this.settings.callTimeout()),
                    this.asyncCalls);
        }
        catch (RejectedExecutionException ex) {
            // The pool was closed: the same answer a synchronous call gets.
            this.events.callCompleted(CallOutcome.REJECTED, System.nanoTime());
            return CompletableFuture.failedFuture(new WorkerUnavailableException(this.name, Reason.CLOSED,
                    "Task '" + this.name + "' is closed", ex));
        }
    }

    @Override
    public String name() {
        return this.name;
    }

    private WorkerProcess acquire(long startNanos) {
        long deadline = startNanos + this.settings.acquireTimeout().toNanos();
        this.lock.lock();
        try {
            while (true) {
                if (this.closed) {
                    throw new WorkerUnavailableException(this.name, Reason.CLOSED, "Task '" + this.name
                            + "' is closed", null);
                }
                if (this.breaker.isOpen() && this.live.isEmpty()) {
                    throw new WorkerUnavailableException(this.name, Reason.CRASH_LOOP, "Task '" + this.name
                            + "': workers keep failing to start (" + this.breaker.failuresInRow()
                            + " in a row); calls are rejected until one starts", this.breaker.lastFailure());
                }
                WorkerProcess worker = (this.busy < this.settings.workers()) ? this.idle.pollFirst() : null;
                if (worker != null) {
                    if (worker.process().isAlive()) {
                        worker.state(WorkerState.BUSY);
                        worker.leased(true);
                        this.busy++;
                        return worker;
                    }
                    // Died while idle: its exit handler reports and replaces it.
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new WorkerUnavailableException(this.name, Reason.NO_IDLE_WORKER, "Task '" + this.name
                            + "': no worker became free within " + this.settings.acquireTimeout() + " ("
                            + this.busy + " busy, " + this.startsPending + " starting)",
                            this.breaker.lastFailure());
                }
                this.changed.awaitNanos(remaining);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new WorkerUnavailableException(this.name, Reason.NO_IDLE_WORKER, "Interrupted while waiting for "
                    + "a worker of task '" + this.name + "'", ex);
        }
        finally {
            this.lock.unlock();
        }
    }

    private void release(WorkerProcess worker) {
        long calls = worker.countCall();
        Integer maxCalls = this.settings.maxCallsPerWorker();
        this.lock.lock();
        try {
            worker.leased(false);
            this.busy--;
            if (this.closed) {
                // close() waits for this worker and kills it if it does not stop in time.
                worker.state(WorkerState.STOPPING);
                worker.requestShutdown();
                return;
            }
            if (worker.stopAfterCall()) {
                stopReplaced(worker);
                this.changed.signal();
                return;
            }
            if (maxCalls != null && calls >= maxCalls) {
                replaceGracefully(worker);
            }
            worker.state(WorkerState.IDLE);
            this.idle.addLast(worker);
            this.changed.signal();
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Starts a replacement for a worker that keeps serving until the replacement is ready, so that
     * recycling and restarts never cost the pool a worker. Called with the lock held.
     */
    private void replaceGracefully(WorkerProcess worker) {
        if (!worker.replacementRequested()) {
            worker.requestReplacement();
            startWorker(Duration.ZERO, true);
        }
    }

    /** A replacement became ready: stop one worker that waited for it, now or after its call. */
    private void stopOneReplaced() {
        WorkerProcess busy = null;
        for (WorkerProcess worker : this.live) {
            if (worker.replacementRequested() && !worker.stopAfterCall()) {
                if (worker.state() == WorkerState.IDLE) {
                    stopReplaced(worker);
                    return;
                }
                busy = (busy != null) ? busy : worker;
            }
        }
        if (busy != null) {
            busy.stopAfterCall(true);
        }
    }

    /** Stops a worker whose replacement is ready. Called with the lock held, pool open. */
    private void stopReplaced(WorkerProcess worker) {
        this.live.remove(worker);
        this.idle.remove(worker);
        worker.state(WorkerState.STOPPING);
        this.supervisor.execute(() -> stopGracefully(worker));
    }

    /** Forgets a worker that died or was killed, and starts its replacement unless one is coming. */
    private void discard(WorkerProcess worker) {
        worker.closeChannel();
        this.lock.lock();
        try {
            worker.leased(false);
            this.busy--;
            this.live.remove(worker);
            this.idle.remove(worker);
            worker.state(WorkerState.STOPPING);
            // A slot is free: a waiting caller may take a standby worker.
            this.changed.signalAll();
            if (!this.closed && !worker.replacementRequested()) {
                startWorker(Duration.ZERO, true);
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Schedules the start of a worker. Called with the lock held. */
    private void startWorker(Duration delay, boolean replacement) {
        this.startsPending++;
        Runnable start = () -> this.supervisor.execute(() -> spawn(replacement));
        if (delay.isZero()) {
            start.run();
        }
        else {
            this.scheduler.schedule(start, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void spawn(boolean replacement) {
        if (isClosed()) {
            finishStart();
            return;
        }
        Instant begin = Instant.now();
        WorkerProcess worker;
        try {
            worker = this.spawner.spawn();
        }
        catch (StartupFailure failure) {
            startFailed(failure);
            return;
        }
        catch (RuntimeException ex) {
            if (isClosed()) {
                finishStart();
                return;
            }
            logger.log(Level.ERROR, "Unexpected error while starting a worker of task '" + this.name + "'", ex);
            startFailed(new StartupFailure(new CrashReport(this.name, -1, CrashCause.STARTUP_FAILURE, null, null,
                    null, ex.toString(), List.of(), Instant.now()), ex));
            return;
        }
        this.lock.lock();
        try {
            this.startsPending--;
            if (this.closed) {
                worker.kill();
                return;
            }
            this.live.add(worker);
            this.idle.addLast(worker);
            if (this.live.size() > processCount()) {
                stopOneReplaced();
            }
            this.breaker.started();
            this.changed.signalAll();
        }
        finally {
            this.lock.unlock();
        }
        worker.process().onExit().thenRunAsync(() -> exitedOnItsOwn(worker), this.supervisor);
        this.events.workerStarted(worker.pid(), Duration.between(begin, Instant.now()), replacement);
    }

    private void startFailed(StartupFailure failure) {
        if (isClosed()) {
            // Killed by close(): not a crash.
            finishStart();
            return;
        }
        this.events.workerCrashed(failure.report());
        this.lock.lock();
        try {
            this.startsPending--;
            Duration delay = this.breaker.failed(failure);
            this.changed.signalAll();
            if (!this.closed) {
                startWorker(delay, true);
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    /** How many worker processes the pool keeps: those that serve, and the warm spares. */
    private int processCount() {
        return this.settings.workers() + this.settings.standby();
    }

    private void finishStart() {
        this.lock.lock();
        try {
            this.startsPending--;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** A worker exited while idle: nobody was asking it anything, so the supervisor reports it. */
    private void exitedOnItsOwn(WorkerProcess worker) {
        boolean unattended;
        this.lock.lock();
        try {
            unattended = this.live.contains(worker) && worker.state() == WorkerState.IDLE;
            if (unattended) {
                this.live.remove(worker);
                this.idle.remove(worker);
                worker.state(WorkerState.STOPPING);
            }
        }
        finally {
            this.lock.unlock();
        }
        if (!unattended) {
            return;
        }
        CrashReport report = worker.crashReport(null, null);
        worker.closeChannel();
        this.events.workerCrashed(report);
        this.lock.lock();
        try {
            if (!this.closed && !worker.replacementRequested()) {
                if (worker.calls() == 0) {
                    // Died without serving: as good as a failed start, so it counts towards the breaker.
                    startWorker(this.breaker.failed(new StartupFailure(report, null)), true);
                    this.changed.signalAll();
                }
                else {
                    startWorker(Duration.ZERO, true);
                }
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    private void stopGracefully(WorkerProcess worker) {
        worker.requestShutdown();
        worker.awaitExit(this.settings.shutdownTimeout());
        worker.closeChannel();
    }

    @Override
    public void restart() {
        this.lock.lock();
        try {
            if (!this.closed) {
                new ArrayList<>(this.live).forEach(this::replaceGracefully);
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public TaskStatus status() {
        List<WorkerStatus> workers = new ArrayList<>();
        TaskState state;
        this.lock.lock();
        try {
            this.live.forEach((worker) -> workers.add(worker.status()));
            state = this.closed ? TaskState.CLOSED : (this.breaker.isOpen() && this.live.isEmpty()) ? TaskState.CRASH_LOOP
                    : this.live.isEmpty() ? TaskState.STARTING : TaskState.RUNNING;
        }
        finally {
            this.lock.unlock();
        }
        for (Process process : this.spawner.starting()) {
            workers.add(new WorkerStatus(process.pid(), WorkerState.STARTING, 0,
                    process.info().startInstant().orElse(Instant.now())));
        }
        return new TaskStatus(this.name, state, workers, this.events.calls.sum(), this.events.failures.sum(),
                this.events.crashes.sum(), this.events.timeouts.sum(), this.events.restarts.sum(),
                this.events.rejected.sum(), this.events.lastCrash.get());
    }

    @Override
    public void addListener(TarnishListener listener) {
        this.events.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(TarnishListener listener) {
        this.events.remove(listener);
    }

    private boolean isClosed() {
        this.lock.lock();
        try {
            return this.closed;
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public void close() {
        List<WorkerProcess> workers;
        this.lock.lock();
        try {
            if (this.closed) {
                return;
            }
            this.closed = true;
            workers = new ArrayList<>(this.live);
            this.live.clear();
            this.idle.clear();
            this.changed.signalAll();
        }
        finally {
            this.lock.unlock();
        }
        this.spawner.killStarting();
        for (WorkerProcess worker : workers) {
            if (worker.state() == WorkerState.IDLE) {
                worker.requestShutdown();
            }
        }
        long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
        for (WorkerProcess worker : workers) {
            worker.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            worker.closeChannel();
        }
        this.spawner.killStarting();
        this.supervisor.shutdown();
        this.asyncCalls.shutdown();
        awaitTermination(this.supervisor);
        this.scheduler.shutdownNow();
        this.spawner.killStarting();
        this.directory.close();
        try {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        catch (IllegalStateException ex) {
            // The JVM is shutting down; the hook runs anyway and finds nothing left.
        }
    }

    private void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(this.settings.shutdownTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Last resort when the JVM exits without {@link #close()}: no worker may outlive its parent. */
    private void killEverything() {
        this.spawner.killStarting();
        List<WorkerProcess> workers;
        this.lock.lock();
        try {
            workers = new ArrayList<>(this.live);
        }
        finally {
            this.lock.unlock();
        }
        workers.forEach((worker) -> worker.process().destroyForcibly());
    }

    private static ScheduledExecutorService scheduler(String name) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Threads.daemon("tarnish-" + name + "-watchdog"));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** The pool as the call path sees it. */
    private final class PoolWorkers implements CallPath.Workers {

        @Override
        public WorkerProcess acquire(long startNanos) {
            return WorkerPool.this.acquire(startNanos);
        }

        @Override
        public void release(WorkerProcess worker) {
            WorkerPool.this.release(worker);
        }

        @Override
        public void discard(WorkerProcess worker) {
            WorkerPool.this.discard(worker);
        }

        @Override
        public boolean isClosed() {
            return WorkerPool.this.isClosed();
        }
    }

    @Override
    public String toString() {
        return "WorkerPool[" + this.name + "]";
    }
}
