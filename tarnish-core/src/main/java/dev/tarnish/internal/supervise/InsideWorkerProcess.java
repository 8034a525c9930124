package dev.tarnish.internal.supervise;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.TarnishListener;
import dev.tarnish.Task;
import dev.tarnish.TaskState;
import dev.tarnish.TaskStatus;
import dev.tarnish.WorkerUnavailableException;

/**
 * What a process handle is inside a worker: a worker never starts workers of its own (that way lies
 * a fork bomb), but other beans may still depend on the handle, so it exists and rejects every call.
 *
 * @param <T> the task type
 */
public final class InsideWorkerProcess<T extends Task<?, ?>> implements SupervisedProcess<T> {

    private final String name;

    /**
     * Creates the handle.
     * @param name the task's name
     */
    public InsideWorkerProcess(String name) {
        this.name = name;
    }

    @Override
    public <O> O call(Object input) {
        throw rejected();
    }

    @Override
    public <O> O call(Object input, Duration timeout) {
        throw rejected();
    }

    @Override
    public <O> CompletableFuture<O> callAsync(Object input) {
        return CompletableFuture.failedFuture(rejected());
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public void restart() {
    }

    @Override
    public void close() {
    }

    @Override
    public TaskStatus status() {
        return new TaskStatus(this.name, TaskState.CLOSED, List.of(), 0, 0, 0, 0, 0, 0, null, 0, 0, 0);
    }

    @Override
    public void addListener(TarnishListener listener) {
    }

    @Override
    public void removeListener(TarnishListener listener) {
    }

    private WorkerUnavailableException rejected() {
        return new Refusals(this.name).insideWorker();
    }
}
