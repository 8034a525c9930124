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
 * STARTING ──▶ IDLE ⇄ BUSY ──▶ RETIRING
 *                │      │         │
 *                ▼      ▼         ▼
 *              STOPPING ◀─────────┘
 *                │
 *                ▼
 *              DEAD ◀── (from any state: the process exited or was killed)
 * </pre>
 */
enum WorkerLifecycle {

    /** Spawned and connected, not yet taken into the pool. */
    STARTING,

    /** Ready; waits for a call. */
    IDLE,

    /** Serving a call; the caller that holds it is the only one talking to it. */
    BUSY,

    /** Serving a call, and its replacement is ready: it stops when the call ends. */
    RETIRING,

    /** Asked to stop (recycled, replaced, closed); takes no more calls. */
    STOPPING,

    /** Exited or killed; terminal. */
    DEAD;

    private Set<WorkerLifecycle> next() {
        return switch (this) {
            case STARTING -> EnumSet.of(IDLE, STOPPING, DEAD);
            case IDLE -> EnumSet.of(BUSY, STOPPING, DEAD);
            case BUSY -> EnumSet.of(IDLE, RETIRING, STOPPING, DEAD);
            case RETIRING -> EnumSet.of(STOPPING, DEAD);
            case STOPPING -> EnumSet.of(DEAD);
            case DEAD -> EnumSet.noneOf(WorkerLifecycle.class);
        };
    }

    boolean canMoveTo(WorkerLifecycle target) {
        return next().contains(target);
    }

    /** Whether the worker is in a caller's hands. */
    boolean inCall() {
        return this == BUSY || this == RETIRING;
    }

    /** The state shown in {@link dev.tarnish.WorkerStatus}: a retiring worker is still busy. */
    WorkerState publicState() {
        return switch (this) {
            case STARTING -> WorkerState.STARTING;
            case IDLE -> WorkerState.IDLE;
            case BUSY, RETIRING -> WorkerState.BUSY;
            case STOPPING, DEAD -> WorkerState.STOPPING;
        };
    }
}
