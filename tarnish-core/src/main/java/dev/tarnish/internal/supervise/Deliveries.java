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

    /**
     * Delivers every decision; called without the lock. A delivery that fails does not keep the
     * others from being delivered; the first failure is thrown after all were tried.
     */
    void deliver() {
        RuntimeException failure = null;
        for (Runnable action : this.actions) {
            try {
                action.run();
            }
            catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                }
                else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
