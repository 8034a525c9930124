package dev.tarnish.internal.supervise;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;
import dev.tarnish.TaskSettings;

/**
 * Keeps the pool full: starts the workers that {@link WorkerSlots} asks for, on the supervisor's
 * threads and after their backoff, takes them into the slots once ready, and reports the death of a
 * worker that nobody was calling. Also stops the workers the slots retire.
 */
final class Replenisher implements ProcessControl {

    private static final Logger logger = System.getLogger(Replenisher.class.getName());

    private final String name;

    private final TaskSettings settings;

    private final WorkerSpawner spawner;

    private final PoolEvents events;

    private final ScheduledExecutorService scheduler;

    private final ExecutorService supervisor;

    private WorkerSlots slots;

    Replenisher(String name, TaskSettings settings, WorkerSpawner spawner, PoolEvents events,
            ScheduledExecutorService scheduler, ExecutorService supervisor) {
        this.name = name;
        this.settings = settings;
        this.spawner = spawner;
        this.events = events;
        this.scheduler = scheduler;
        this.supervisor = supervisor;
    }

    /**
     * Connects the slots this replenisher fills; once, before the first start.
     * @param slots the slots
     */
    void fill(WorkerSlots slots) {
        this.slots = slots;
        slots.fill();
    }

    @Override
    public void start(Duration delay, WorkerProcess replaced, boolean restart) {
        Runnable spawn = () -> execute(() -> spawn(replaced, restart));
        if (delay.isZero()) {
            spawn.run();
        }
        else {
            this.scheduler.schedule(spawn, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop(WorkerProcess worker) {
        try {
            this.supervisor.execute(() -> {
                worker.requestShutdown();
                this.spawner.awaitStop(worker, System.nanoTime());
            });
        }
        catch (RejectedExecutionException ex) {
            // The pool has closed and its grace period is over.
            worker.kill();
        }
    }

    @Override
    public int startingCount() {
        return this.spawner.launcher().starting().size();
    }

    private void execute(Runnable action) {
        try {
            this.supervisor.execute(action);
        }
        catch (RejectedExecutionException ex) {
            // The pool closed: nothing more to start.
        }
    }

    private void spawn(WorkerProcess replaced, boolean restart) {
        if (this.slots.isClosed()) {
            return;
        }
        Instant begin = Instant.now();
        WorkerProcess worker;
        try {
            worker = this.spawner.spawn();
        }
        catch (StartupFailure failure) {
            startFailed(failure, replaced);
            return;
        }
        catch (RuntimeException ex) {
            if (!this.slots.isClosed()) {
                logger.log(Level.ERROR, "Unexpected error while starting a worker of task '" + this.name + "'", ex);
            }
            startFailed(new StartupFailure(new CrashReport(this.name, -1, CrashCause.STARTUP_FAILURE, null, null,
                    null, ex.toString(), List.of(), Instant.now()), ex), replaced);
            return;
        }
        if (!this.slots.admit(worker, replaced)) {
            worker.kill();
            return;
        }
        worker.process().onExit().thenRunAsync(() -> exited(worker), this.supervisor);
        this.events.workerStarted(worker.pid(), Duration.between(begin, Instant.now()), restart);
    }

    private void startFailed(StartupFailure failure, WorkerProcess replaced) {
        if (this.slots.isClosed()) {
            // Killed by close(): not a crash.
            return;
        }
        this.events.workerCrashed(failure.report());
        this.slots.startFailed(failure, replaced);
    }

    /** A worker exited; if it was idle in the pool, nobody else knows, so it is reported here. */
    private void exited(WorkerProcess worker) {
        if (!this.slots.exitedWhileIdle(worker)) {
            return;
        }
        boolean served = worker.calls() > 0;
        if (served) {
            // The replacement starts before the report is collected, which can take seconds.
            this.slots.replaceExited(worker, null);
        }
        CrashReport report = worker.crashReport(null, null);
        worker.closeChannel();
        this.events.workerCrashed(report);
        if (!served) {
            // Died without serving: as good as a failed start, so its report is the breaker's cause.
            this.slots.replaceExited(worker, new StartupFailure(report, null));
        }
    }
}
