package dev.tarnish.internal.supervise;

import java.util.ArrayList;
import java.util.List;

import dev.tarnish.WorkerUnavailableException;

/**
 * Decisions about waiting calls, made under the pool's lock and delivered once it is released: a
 * delivery may run a caller's code (the stages of its {@code CompletableFuture}).
 */
final class Deliveries {

    private final List<Runnable> actions = new ArrayList<>(2);

    void assign(WaitingCall call, WorkerProcess worker) {
        this.actions.add(() -> call.assigned(worker));
    }

    void refuse(WaitingCall call, WorkerUnavailableException refusal) {
        this.actions.add(() -> call.refused(refusal));
    }

    /** Delivers every decision; called without the lock. */
    void deliver() {
        this.actions.forEach(Runnable::run);
    }
}
