package dev.tarnish.internal.supervise;

import java.util.concurrent.atomic.AtomicInteger;

import dev.tarnish.WorkerUnavailableException;

/**
 * A call that asked the pool for a worker. It ends in one of two ways, decided once: the pool
 * assigns it a worker, or the call is abandoned (its caller gave up waiting, was interrupted, or
 * cancelled it). Whichever happens first wins; the loser sees it lost.
 *
 * <p>The pool decides under its lock, and delivers the decision ({@link #assigned} or
 * {@link #refused}) after releasing it, since a delivery may run a caller's code (the stages of a
 * {@code CompletableFuture}).
 */
abstract class WaitingCall {

    private static final int WAITING = 0;

    private static final int ASSIGNED = 1;

    private static final int ABANDONED = 2;

    private final AtomicInteger state = new AtomicInteger(WAITING);

    /**
     * Claims the call for the pool's decision: a worker, or a refusal. Called with the pool's lock held.
     * @return {@code false} if the call was abandoned first
     */
    boolean claim() {
        return this.state.compareAndSet(WAITING, ASSIGNED);
    }

    /** Whether neither the pool nor the caller has decided yet. */
    boolean isWaiting() {
        return this.state.get() == WAITING;
    }

    /**
     * Gives up on the call while it waits.
     * @return {@code false} if a worker was assigned first: the caller then has to take it
     */
    boolean abandon() {
        return this.state.compareAndSet(WAITING, ABANDONED);
    }

    /**
     * Receives the worker the pool assigned, now busy and in this call's hands.
     * @param worker the worker
     */
    abstract void assigned(WorkerProcess worker);

    /**
     * Learns that no worker will serve the call.
     * @param reason the exception for the caller
     */
    abstract void refused(WorkerUnavailableException reason);
}
