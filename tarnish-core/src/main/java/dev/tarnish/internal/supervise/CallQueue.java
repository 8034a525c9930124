package dev.tarnish.internal.supervise;

import java.util.ArrayDeque;
import java.util.function.Supplier;

import dev.tarnish.WorkerUnavailableException;

/**
 * Calls waiting for a worker, in arrival order, and the bound on how many may wait. Not thread-safe:
 * guarded by the lock of {@link WorkerSlots}.
 */
final class CallQueue {

    private final ArrayDeque<WaitingCall> calls = new ArrayDeque<>();

    private final Integer maxQueued;

    /**
     * Creates a queue.
     * @param maxQueued how many calls may wait, or {@code null} for no bound
     */
    CallQueue(Integer maxQueued) {
        this.maxQueued = maxQueued;
    }

    boolean isEmpty() {
        return this.calls.isEmpty();
    }

    int size() {
        return this.calls.size();
    }

    /** Whether one more call would be beyond the bound. */
    boolean isFull() {
        return this.maxQueued != null && this.calls.size() >= this.maxQueued;
    }

    void add(WaitingCall call) {
        this.calls.addLast(call);
    }

    void remove(WaitingCall call) {
        this.calls.remove(call);
    }

    /**
     * Takes the first call that is still waiting, claimed for the caller's decision; calls abandoned
     * meanwhile are dropped on the way.
     * @return the call, or {@code null} if none waits
     */
    WaitingCall claimNext() {
        WaitingCall call;
        while ((call = this.calls.pollFirst()) != null) {
            if (call.claim()) {
                return call;
            }
        }
        return null;
    }

    /**
     * Refuses every waiting call.
     * @param deliveries where the refusals go, to be delivered after the lock is released
     * @param refusal makes the exception for each caller
     */
    void refuseAll(Deliveries deliveries, Supplier<WorkerUnavailableException> refusal) {
        WaitingCall call;
        while ((call = claimNext()) != null) {
            // One exception each: a caller adds its own earlier attempts to it as suppressed exceptions.
            deliveries.refuse(call, refusal.get());
        }
    }
}
