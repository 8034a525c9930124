package dev.tarnish.internal.supervise;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tarnish.CallContext;
import dev.tarnish.SupervisedProcess;
import dev.tarnish.Task;
import dev.tarnish.TarnishListener;
import dev.tarnish.TaskSettings;
import dev.tarnish.TaskState;
import dev.tarnish.TaskStatus;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;
import dev.tarnish.internal.launch.PrivateDirectory;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.PayloadCodec;

/**
 * The pool of worker processes of one task, as its callers see it; it puts the parts together and
 * takes them apart again:
 *
 * <ul>
 * <li>{@link WorkerSlots}: the workers and the calls waiting for them, the one place where a worker
 * changes state;</li>
 * <li>{@link Replenisher} and {@link WorkerSpawner}: starting workers, with backoff and the
 * crash-loop breaker, and stopping them;</li>
 * <li>{@link CallRouter} and {@link CallPath}: a call, from waiting for a worker to its outcome.</li>
 * </ul>
 *
 * Thread-safe.
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

    private final WorkerSlots slots;

    private final CallPath path;

    private final CallRouter router;

    private final PoisonQuarantine quarantine;

    private final HealthChecker healthChecker;

    private final ScheduledExecutorService scheduler;

    private final ExecutorService supervisor;

    private final ExecutorService callThreads;

    private final Thread shutdownHook;

    private final GuardedCallContext context;

    private final Replenisher replenisher;

    private final AtomicBoolean starting = new AtomicBoolean();

    /** Read first on every call: once true, a call costs no more than a volatile read here. */
    private volatile boolean started;

    private final AtomicBoolean closing = new AtomicBoolean();

    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * Creates a pool and starts its workers in the background, unless its hooks say to start later.
     * @param name the task's name
     * @param taskClass the task class; neither initialized nor instantiated here
     * @param settings the settings
     * @param launch how to start a worker
     * @param hooks what the builder adds: listeners, customizers, output, call context, start
     */
    public WorkerPool(String name, Class<T> taskClass, TaskSettings settings, WorkerLaunch launch, PoolHooks hooks) {
        this.name = Objects.requireNonNull(name, "name");
        this.context = GuardedCallContext.of(hooks.context());
        this.settings = Objects.requireNonNull(settings, "settings");
        // First, before any thread or file exists: a task class without concrete types fails here.
        PayloadCodec codec = PayloadCodec.forTask(taskClass);
        codec.warmUp();
        this.events = new PoolEvents(name);
        hooks.listeners().forEach(this.events::add);
        this.scheduler = scheduler(name);
        this.supervisor = Threads.elastic("tarnish-" + name + "-supervisor");
        // Asynchronous calls run here once they have a worker: at most `workers` at once.
        this.callThreads = Threads.elastic("tarnish-" + name + "-call");
        this.directory = PrivateDirectory.create();
        this.spawner = new WorkerSpawner(name, taskClass.getName(), settings, launch, hooks.customizers(),
                hooks.output(), this.directory, this.scheduler);
        this.replenisher = new Replenisher(name, settings, this.spawner, this.events, this.scheduler,
                this.supervisor);
        this.slots = new WorkerSlots(name, settings, this.replenisher);
        this.path = new CallPath(name, settings, codec, this.events, this.scheduler, new SlotsAsWorkers());
        this.quarantine = new PoisonQuarantine(name, settings);
        this.router = new CallRouter(name, settings, this.slots, this.path, this.events, this.quarantine,
                this.scheduler, this.callThreads);
        // The JVM exits without close(): close all the same, as close() would, for no worker may outlive its
        // parent. Not a plain kill: hooks run side by side, and one that killed at once would cut short what a
        // framework's own hook closes politely (a busy worker's call, a training worker writing its archive).
        this.shutdownHook = new Thread(this::close, "tarnish-" + name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
        this.healthChecker = new HealthChecker(settings, this.slots, this.events, this.scheduler, this.supervisor);
        this.healthChecker.start();
        if (!hooks.startLater()) {
            startWorkers();
        }
    }

    /**
     * Starts the first workers, once: at construction, or, for a pool built to start later, when asked
     * or at its first call, whichever comes first.
     */
    @Override
    public void startWorkers() {
        if (!this.started && this.starting.compareAndSet(false, true)) {
            this.replenisher.fill(this.slots);
            this.started = true;
        }
    }

    @Override
    public <O> O call(Object input) {
        return call(this.path.encode(input), this.settings.callTimeout());
    }

    @Override
    public <O> O call(Object input, Duration timeout) {
        CallPath.requirePositive(timeout);
        return call(this.path.encode(input), timeout);
    }

    private <O> O call(Frame call, Duration timeout) {
        startWorkers();
        CallContext.CallScope scope = this.context.begin(this.name);
        return this.router.call(this.context.carry(call, scope, this.settings.maxFrameSize()), timeout, scope);
    }

    @Override
    public <O> CompletableFuture<O> callAsync(Object input) {
        Frame call = this.path.encode(input);
        if (call.byteString()) {
            // A synchronous call sends the caller's array as it is; an asynchronous one returns at
            // once, and the caller may reuse the array before a worker takes the call: send a copy.
            call = new Frame(call.type(), call.payload().clone(), true);
        }
        startWorkers();
        CallContext.CallScope scope = this.context.begin(this.name);
        return this.router.callAsync(this.context.carry(call, scope, this.settings.maxFrameSize()), this.settings.callTimeout(), scope);
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public void restart() {
        // A restart is a fresh start: inputs that crashed the old workers get another chance.
        this.quarantine.clear();
        this.slots.restartAll();
    }

    @Override
    public TaskStatus status() {
        List<WorkerStatus> workers = new ArrayList<>();
        TaskState state = this.slots.snapshot(workers);
        for (Process process : this.spawner.launcher().starting()) {
            workers.add(new WorkerStatus(process.pid(), WorkerState.STARTING, 0,
                    process.info().startInstant().orElse(Instant.now())));
        }
        return this.events.status(state, workers, this.quarantine.quarantined());
    }

    @Override
    public void addListener(TarnishListener listener) {
        this.events.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(TarnishListener listener) {
        this.events.remove(listener);
    }

    /**
     * Refuses waiting and new calls, stops idle workers, lets busy ones finish their call within the
     * shutdown timeout, kills whatever is left, and removes the private directory.
     */
    @Override
    public void close() {
        if (!this.closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            this.healthChecker.stop();
            List<WorkerProcess> workers = this.slots.close();
            ProcessLauncher launcher = this.spawner.launcher();
            // Nothing can start any more; what was starting is killed.
            launcher.close();
            long start = System.nanoTime();
            for (WorkerProcess worker : workers) {
                // One grace for all, from the moment the pool closed.
                this.spawner.awaitStop(worker, start);
            }
            this.supervisor.shutdown();
            this.callThreads.shutdown();
            awaitTermination(this.supervisor);
            awaitTermination(this.callThreads);
            this.scheduler.shutdownNow();
            // Whatever is still alive (a worker that would not die) goes with the launcher thread, or here.
            launcher.killAll();
            launcher.stop();
            this.directory.close();
            try {
                Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
            }
            catch (IllegalStateException ex) {
                // The JVM is shutting down; the hook runs anyway and finds nothing left.
            }
        }
        finally {
            this.closed.countDown();
        }
    }

    /** A second close returns once the first is done, so that both can count on no process being left. */
    private void awaitClosed() {
        boolean interrupted = false;
        while (true) {
            try {
                this.closed.await();
                break;
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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


    private static ScheduledExecutorService scheduler(String name) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Threads.daemon("tarnish-" + name + "-watchdog"));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** The slots as a call leaves its worker. */
    private final class SlotsAsWorkers implements CallPath.Workers {

        @Override
        public void giveBack(WorkerProcess worker) {
            WorkerPool.this.slots.giveBack(worker, true, holdsTooMuchMemory(worker));
        }

        /** Only with a limit set: reading the worker's memory costs a few microseconds per call. */
        private boolean holdsTooMuchMemory(WorkerProcess worker) {
            Long limit = WorkerPool.this.settings.maxWorkerMemory();
            if (limit == null) {
                return false;
            }
            long resident = ResidentMemory.of(worker.pid());
            if (resident <= limit) {
                return false;
            }
            logger.log(Level.INFO, () -> "Worker " + worker.pid() + " of task '" + WorkerPool.this.name + "' holds "
                    + (resident >> 20) + " MiB, above max-worker-memory (" + (limit >> 20) + " MiB): recycled");
            return true;
        }

        @Override
        public void giveBackUnused(WorkerProcess worker) {
            WorkerPool.this.slots.giveBack(worker, false);
        }

        @Override
        public void lose(WorkerProcess worker) {
            WorkerPool.this.slots.lose(worker);
        }

        @Override
        public boolean isClosed() {
            return WorkerPool.this.slots.isClosed();
        }
    }

    @Override
    public String toString() {
        return "WorkerPool[" + this.name + "]";
    }
}
