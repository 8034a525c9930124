package dev.tarnish.internal.supervise;

import java.util.List;
import java.util.Objects;

import dev.tarnish.CallContext;
import dev.tarnish.TarnishListener;
import dev.tarnish.WorkerLaunchCustomizer;
import dev.tarnish.WorkerOutput;

/**
 * What a pool's builder adds to its task and settings: who listens, what changes each worker's start,
 * where the workers' output goes, what traces the calls, and when the first workers start.
 *
 * @param listeners listeners to add before the first worker starts
 * @param customizers what changes each worker's start, in order
 * @param output where the workers' output lines go
 * @param context what carries each caller's context into the workers
 * @param startLater whether the first workers wait for {@link WorkerPool#startWorkers()} or the first call
 */
public record PoolHooks(List<TarnishListener> listeners, List<WorkerLaunchCustomizer> customizers, WorkerOutput output,
        CallContext context, boolean startLater) {

    /**
     * Checks and copies the fields.
     */
    public PoolHooks {
        listeners = List.copyOf(listeners);
        customizers = List.copyOf(customizers);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(context, "context");
    }
}
