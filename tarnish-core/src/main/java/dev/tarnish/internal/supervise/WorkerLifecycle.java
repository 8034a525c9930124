package dev.tarnish.internal.supervise;

import java.util.EnumSet;
import java.util.Set;

import dev.tarnish.WorkerState;

/**
 * Where a worker is in its life, as the pool sees it. The pool moves a worker from one state to the
 * next under its lock through {@link WorkerProcess#moveTo}, which refuses a move this enum does not
 * allow: a supervision bug shows as an exception, not as a worker in two places at once.
 *
 * <pre>
 * STARTING ──▶ IDLE ⇄ BUSY ──▶ RETIRING ──▶ STOPPING ──▶ DEAD
 *               ⇅                 ▲
 *            CHECKING ────────────┘
 * </pre>
 *
 * Besides: STARTING, IDLE, BUSY and CHECKING may go straight to STOPPING (the pool closed, the worker
 * was replaced while idle), and every state but DEAD to DEAD (the process exited or was killed).
 */
enum WorkerLifecycle {

    /** Spawned and connected, not yet taken into the pool. */
    STARTING,

    /** Ready; waits for a call. */
    IDLE,

    /** Serving a call; the caller that holds it is the only one talking to it. */
    BUSY,

    /** Idle, and answering a health check; no call takes it meanwhile. */
    CHECKING,

    /** Serving a call or a health check, and its replacement is ready: it stops when that ends. */
    RETIRING,

    /** Asked to stop (recycled, replaced, closed); takes no more calls. */
    STOPPING,

    /** Exited or killed; terminal. */
    DEAD;

    private Set<WorkerLifecycle> next() {
        return switch (this) {
            case STARTING -> EnumSet.of(IDLE, STOPPING, DEAD);
            case IDLE -> EnumSet.of(BUSY, CHECKING, STOPPING, DEAD);
            case CHECKING -> EnumSet.of(IDLE, RETIRING, STOPPING, DEAD);
            case BUSY -> EnumSet.of(IDLE, RETIRING, STOPPING, DEAD);
            case RETIRING -> EnumSet.of(STOPPING, DEAD);
            case STOPPING -> EnumSet.of(DEAD);
            case DEAD -> EnumSet.noneOf(WorkerLifecycle.class);
        };
    }

    boolean canMoveTo(WorkerLifecycle target) {
        return next().contains(target);
    }

    /** The state shown in {@link dev.tarnish.WorkerStatus}: a retiring worker is still busy, a checked one idle. */
    WorkerState publicState() {
        return switch (this) {
            case STARTING -> WorkerState.STARTING;
            case IDLE, CHECKING -> WorkerState.IDLE;
            case BUSY, RETIRING -> WorkerState.BUSY;
            case STOPPING, DEAD -> WorkerState.STOPPING;
        };
    }
}
