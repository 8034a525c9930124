package dev.tarnish.internal.supervise;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import dev.tarnish.TaskSettings;
import dev.tarnish.TaskState;
import dev.tarnish.WorkerStatus;
import dev.tarnish.WorkerUnavailableException;

/**
 * The pool's workers and the calls waiting for them: the one place where a worker moves through its
 * {@link WorkerLifecycle} and a call gets its worker. Every method takes the one lock, decides, and
 * releases it before anything runs that may block or call foreign code: the decisions that start or
 * stop processes go to {@link ProcessControl}, and those that concern a caller are delivered after the
 * lock is released.
 *
 * <p>Calls are served in arrival order. At most {@link TaskSettings#workers()} workers are busy at
 * once; the standby workers beyond that only take the place of one that is lost.
 */
final class WorkerSlots {

    private final String name;

    private final TaskSettings settings;

    private final ProcessControl processes;

    private final ReentrantLock lock = new ReentrantLock();

    /** Ready workers, taken in turn: a standby worker serves too, so it stays warm. */
    private final ArrayDeque<WorkerProcess> idle = new ArrayDeque<>();

    /** Every worker that is idle or in a call; not those starting, stopping or dead. */
    private final Set<WorkerProcess> live = new LinkedHashSet<>();

    private final CallQueue waiting;

    private final CrashLoopBreaker breaker;

    private final Refusals refusals;

    private int busy;

    /** Idle workers out of turn for a health check: back in a moment, so calls wait for them. */
    private int checking;

    private boolean closed;

    WorkerSlots(String name, TaskSettings settings, ProcessControl processes) {
        this.name = name;
        this.settings = settings;
        this.processes = processes;
        this.breaker = new CrashLoopBreaker(settings);
        this.waiting = new CallQueue(settings.maxQueuedCalls());
        this.refusals = new Refusals(name);
    }

    /** Starts the pool's first workers. */
    void fill() {
        decide((deliveries) -> {
            for (int i = 0; i < processCount(); i++) {
                this.processes.start(Duration.ZERO, null, false);
            }
            return null;
        });
    }

    /**
     * Asks for a worker: assigns one now, queues the call, or refuses it at once (closed, crash loop,
     * queue full, no waiting allowed).
     * @param call the call
     * @return how long the call may wait if it was queued: the acquire timeout, or, when calls may not
     *     wait but a worker is only out of turn for a health check, as long as a check may take
     */
    Duration request(WaitingCall call) {
        return decide((deliveries) -> {
            WorkerUnavailableException refusal = refusalOfNewCall();
            if (refusal == null && !(this.waiting.isEmpty() && canAssign())) {
                this.waiting.add(call);
                Duration acquireTimeout = this.settings.acquireTimeout();
                return (acquireTimeout.isZero() && this.checking > 0) ? HealthChecker.ANSWER_WITHIN : acquireTimeout;
            }
            if (call.claim()) {
                // Decided at once; the claim still counts, so that a later abandon sees it lost.
                if (refusal != null) {
                    deliveries.refuse(call, refusal);
                }
                else {
                    deliveries.assign(call, take());
                }
            }
            return Duration.ZERO;
        });
    }

    /**
     * Takes a worker at once for a call that would not wait: only when one is free, no call waits
     * before it, and nothing would refuse it.
     * @return the worker, now busy, or {@code null} to go through {@link #request}
     */
    WorkerProcess takeIfFree() {
        this.lock.lock();
        try {
            return (this.waiting.isEmpty() && canAssign() && refusalOfNewCall() == null) ? take() : null;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Forgets a waiting call that its caller abandoned.
     * @param call the call, after a successful {@link WaitingCall#abandon()}
     * @return what kept it waiting, for the caller's exception
     */
    String forget(WaitingCall call) {
        return decide((deliveries) -> {
            this.waiting.remove(call);
            return this.busy + " busy, " + this.processes.startingCount() + " starting, " + this.waiting.size()
                    + " other calls waiting";
        });
    }

    /**
     * Takes back a worker that answered its call, and finds it its next call or its end.
     * @param worker the worker, in a call
     * @param served whether it ran the call ({@code false}: the call was given up before it was sent)
     */
    void giveBack(WorkerProcess worker, boolean served) {
        giveBack(worker, served, false);
    }

    /**
     * Takes back a worker that answered its call, and finds it its next call or its end.
     * @param worker the worker, in a call
     * @param served whether it ran the call ({@code false}: the call was given up before it was sent)
     * @param recycle whether to replace it gracefully whatever its count of calls (it holds too much memory)
     */
    void giveBack(WorkerProcess worker, boolean served, boolean recycle) {
        long calls = served ? worker.countCall() : worker.calls();
        Integer maxCalls = this.settings.maxCallsPerWorker();
        decide((deliveries) -> {
            this.busy--;
            if (this.closed || worker.lifecycle() == WorkerLifecycle.RETIRING) {
                stop(worker);
            }
            else {
                if (recycle || (maxCalls != null && calls >= maxCalls)) {
                    replace(worker);
                }
                worker.moveTo(WorkerLifecycle.IDLE);
                this.idle.addLast(worker);
            }
            return dispatch(deliveries);
        });
    }

    /**
     * Forgets a worker that died or was killed during its call, and starts one in its place unless
     * one is already coming.
     * @param worker the worker, in a call, already killed
     */
    void lose(WorkerProcess worker) {
        decide((deliveries) -> {
            this.busy--;
            // A slot is free: a standby worker may take a waiting call.
            return bury(worker, deliveries);
        });
    }

    /**
     * Takes a new worker into the pool; the worker it replaces, if any, stops now or after its call.
     * @param worker the ready worker
     * @param replaced the worker it replaces, or {@code null}
     * @return {@code false} if the pool was closed: the caller kills the new worker
     */
    boolean admit(WorkerProcess worker, WorkerProcess replaced) {
        return decide((deliveries) -> {
            if (this.closed) {
                return false;
            }
            worker.moveTo(WorkerLifecycle.IDLE);
            this.live.add(worker);
            this.idle.addLast(worker);
            this.breaker.started();
            if (replaced != null) {
                retire(replaced);
            }
            dispatch(deliveries);
            return true;
        });
    }

    /**
     * Counts a worker that failed to start, and schedules the next attempt with backoff.
     * @param failure what happened
     * @param replaced the worker the failed one was to replace, or {@code null}
     */
    void startFailed(StartupFailure failure, WorkerProcess replaced) {
        decide((deliveries) -> {
            Duration delay = this.breaker.failed(failure);
            if (!this.closed) {
                this.processes.start(delay, replaced, true);
                refuseAllIfCrashLooping(deliveries);
            }
            return null;
        });
    }

    /**
     * Takes an idle worker that exited out of the pool.
     * @param worker the worker
     * @return {@code true} if it was idle in the pool: nobody else reports its death
     */
    boolean exitedWhileIdle(WorkerProcess worker) {
        return decide((deliveries) -> {
            if (worker.lifecycle() != WorkerLifecycle.IDLE || !this.live.remove(worker)) {
                return false;
            }
            this.idle.remove(worker);
            worker.moveTo(WorkerLifecycle.DEAD);
            return true;
        });
    }

    /**
     * Starts a worker in place of one that exited while idle. One that died before serving counts
     * towards the crash-loop breaker, as a failed start does.
     * @param worker the dead worker
     * @param failure its death as a start-up failure if it never served, else {@code null}
     */
    void replaceExited(WorkerProcess worker, StartupFailure failure) {
        decide((deliveries) -> {
            if (this.closed || worker.replacementComing()) {
                return null;
            }
            if (worker.calls() == 0) {
                this.processes.start(this.breaker.failed(failure), null, true);
                refuseAllIfCrashLooping(deliveries);
            }
            else {
                this.processes.start(Duration.ZERO, null, true);
            }
            return null;
        });
    }

    /**
     * Takes every idle worker out of turn for a health check; no call gets it until it is back.
     * @return the workers, now checking
     */
    List<WorkerProcess> takeIdleForCheck() {
        return decide((deliveries) -> {
            List<WorkerProcess> taken = new ArrayList<>(this.idle);
            this.idle.clear();
            taken.forEach((worker) -> worker.moveTo(WorkerLifecycle.CHECKING));
            this.checking += taken.size();
            return taken;
        });
    }

    /**
     * Takes back a worker that answered its health check.
     * @param worker the worker, checking or retiring
     */
    void checked(WorkerProcess worker) {
        decide((deliveries) -> {
            this.checking--;
            if (this.closed || worker.lifecycle() == WorkerLifecycle.RETIRING) {
                stop(worker);
                return null;
            }
            worker.moveTo(WorkerLifecycle.IDLE);
            this.idle.addLast(worker);
            return dispatch(deliveries);
        });
    }

    /**
     * Forgets a worker that failed its health check, now killed, and starts one in its place.
     * @param worker the worker, checking or retiring
     */
    void failedCheck(WorkerProcess worker) {
        decide((deliveries) -> {
            this.checking--;
            return bury(worker, deliveries);
        });
    }

    /** Replaces every worker gracefully: each serves until its replacement is ready. */
    void restartAll() {
        decide((deliveries) -> {
            if (!this.closed) {
                new ArrayList<>(this.live).forEach(this::replace);
            }
            return null;
        });
    }

    /**
     * Closes the slots: waiting calls are refused, idle workers stop, busy ones stop after their call.
     * @return every worker that was in the pool, for the caller to await
     */
    List<WorkerProcess> close() {
        return decide((deliveries) -> {
            if (this.closed) {
                return List.<WorkerProcess>of();
            }
            this.closed = true;
            List<WorkerProcess> workers = new ArrayList<>(this.live);
            for (WorkerProcess worker : this.idle) {
                stop(worker);
            }
            this.idle.clear();
            this.live.clear();
            this.waiting.refuseAll(deliveries, () -> this.refusals.closed(null));
            return workers;
        });
    }

    /** The last start-up failure since a worker last started, as the cause of a refusal; or {@code null}. */
    StartupFailure lastStartupFailure() {
        return decide((deliveries) -> this.breaker.lastFailure());
    }

    boolean isClosed() {
        return decide((deliveries) -> this.closed);
    }

    /**
     * Returns the pool's workers that are not starting, and the task's state.
     * @param statuses where to add the workers
     * @return the task's state
     */
    TaskState snapshot(List<WorkerStatus> statuses) {
        return decide((deliveries) -> {
            this.live.forEach((worker) -> statuses.add(worker.status()));
            return this.closed ? TaskState.CLOSED : crashLooping() ? TaskState.CRASH_LOOP
                    : this.live.isEmpty() ? TaskState.STARTING : TaskState.RUNNING;
        });
    }

    /**
     * Runs a decision under the lock, then delivers what it decided about callers without it.
     * @param decision the decision; returns what the caller needs, or {@code null}
     * @return what the decision returned
     */
    private <R> R decide(Function<Deliveries, R> decision) {
        Deliveries deliveries = new Deliveries();
        this.lock.lock();
        try {
            return decision.apply(deliveries);
        }
        finally {
            this.lock.unlock();
            // Also when the decision failed half-way: a claimed call must still hear of it.
            deliveries.deliver();
        }
    }

    // Everything below is called with the lock held.

    private WorkerUnavailableException refusalOfNewCall() {
        if (this.closed) {
            return this.refusals.closed(null);
        }
        if (crashLooping()) {
            return crashLoopRefusal();
        }
        // A worker back from its health check in a moment counts as free: the call waits for it.
        boolean assignable = this.waiting.isEmpty()
                && (canAssign() || (this.checking > 0 && this.busy < this.settings.workers()));
        if (this.waiting.isFull() && !assignable) {
            return this.refusals.queueFull(this.waiting.size());
        }
        if (this.settings.acquireTimeout().isZero() && !assignable) {
            return this.refusals.mayNotWait(this.breaker.lastFailure());
        }
        return null;
    }

    private boolean crashLooping() {
        return this.breaker.isOpen() && this.live.isEmpty();
    }

    private WorkerUnavailableException crashLoopRefusal() {
        return this.refusals.crashLoop(this.breaker.failuresInRow(), this.breaker.lastFailure());
    }

    private boolean canAssign() {
        return this.busy < this.settings.workers() && !this.idle.isEmpty();
    }

    private WorkerProcess take() {
        WorkerProcess worker = this.idle.pollFirst();
        worker.moveTo(WorkerLifecycle.BUSY);
        this.busy++;
        return worker;
    }

    /**
     * Forgets a worker that died or was killed out of turn (in a call, in a check), and starts one in
     * its place unless one is already coming.
     */
    private Void bury(WorkerProcess worker, Deliveries deliveries) {
        this.live.remove(worker);
        worker.moveTo(WorkerLifecycle.DEAD);
        if (!this.closed && !worker.replacementComing()) {
            this.processes.start(Duration.ZERO, null, true);
        }
        // The last worker may have gone while starts keep failing: waiting calls need not wait on.
        refuseAllIfCrashLooping(deliveries);
        return dispatch(deliveries);
    }

    /** Hands free workers to waiting calls, in order. */
    private Void dispatch(Deliveries deliveries) {
        while (canAssign()) {
            WaitingCall call = this.waiting.claimNext();
            if (call == null) {
                break;
            }
            deliveries.assign(call, take());
        }
        return null;
    }

    private void refuseAllIfCrashLooping(Deliveries deliveries) {
        if (crashLooping()) {
            this.waiting.refuseAll(deliveries, this::crashLoopRefusal);
        }
    }

    /** Starts a replacement for a worker, which keeps serving until it is ready. */
    private void replace(WorkerProcess worker) {
        if (!worker.replacementComing() && worker.lifecycle() != WorkerLifecycle.STOPPING) {
            worker.replacementComing(true);
            this.processes.start(Duration.ZERO, worker, true);
        }
    }

    /** The replacement of a worker is ready: it stops now if idle, else after its call. */
    private void retire(WorkerProcess worker) {
        switch (worker.lifecycle()) {
            case IDLE -> {
                this.idle.remove(worker);
                stop(worker);
            }
            case BUSY, CHECKING -> worker.moveTo(WorkerLifecycle.RETIRING);
            default -> {
                // Already stopping or dead: nothing left to retire.
            }
        }
    }

    private void stop(WorkerProcess worker) {
        this.live.remove(worker);
        worker.moveTo(WorkerLifecycle.STOPPING);
        this.processes.stop(worker);
    }

    private int processCount() {
        return this.settings.workers() + this.settings.standby();
    }
}
