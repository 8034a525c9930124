package dev.tarnish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A pool of worker processes that run one {@link Task} type, and the caller's handle on it.
 *
 * <p>Each call is sent to an idle worker; the calling thread waits for the reply. When the worker
 * dies during the call (a segfault, {@code System.exit}, an {@link OutOfMemoryError}, a kill), the
 * call fails with a {@link WorkerCrashedException} and a new worker takes the old one's place; the
 * caller's JVM is never affected.
 *
 * <p>Implementations are thread-safe: any number of threads may call concurrently; each worker serves
 * one call at a time and callers wait for a free worker up to a bound. All failures are unchecked
 * subclasses of {@link TarnishException}; a wrong input type fails with an
 * {@link IllegalArgumentException} before anything is sent.
 *
 * @param <T> the task type, whose generic signature fixes the input and output types
 */
public interface IsolatedProcess<T extends Task<?, ?>> extends AutoCloseable {

    /**
     * Runs the task on {@code input} in a worker, with the task's default call timeout.
     *
     * @param input the input, an instance of the task's input type
     * @param <O> the task's output type
     * @return the task's output
     * @throws IllegalArgumentException if {@code input} is {@code null} or not of the input type
     * @throws TaskFailedException if the task threw
     * @throws WorkerCrashedException if the worker died during the call
     * @throws TaskTimeoutException if the call ran past the default call timeout
     * @throws WorkerUnavailableException if no worker could serve the call
     * @throws PoisonInputException if this input crashed too many workers and is refused unsent
     */
    <O> O call(Object input);

    /**
     * Runs the task on {@code input} in a worker; at the deadline the worker is killed (native code
     * cannot be interrupted) and a replacement is started.
     *
     * @param input the input, an instance of the task's input type
     * @param timeout the longest one attempt may take once a worker has it, positive (with retries on
     *     timeout, each attempt gets it)
     * @param <O> the task's output type
     * @return the task's output
     * @throws TaskTimeoutException if the call ran past {@code timeout}
     * @see #call(Object)
     */
    <O> O call(Object input, Duration timeout);

    /**
     * Runs the task on {@code input} in a worker without blocking the calling thread. The returned
     * future completes with the output or with one of the exceptions {@link #call(Object)} throws.
     *
     * <p>While every worker is busy the call waits in the pool's queue, in arrival order, without a
     * thread of its own, up to the acquire timeout; beyond {@code maxQueuedCalls} waiting calls it fails
     * at once with a {@link WorkerUnavailableException} of reason {@code QUEUE_FULL}.
     *
     * <p>Cancelling the future takes a waiting call out of the queue: it never reaches a worker. A call
     * that already runs is stopped only by {@code cancel(true)}, and then by killing its worker, since
     * native code cannot be interrupted; a replacement starts, and the call is counted as rejected, not
     * as a crash. {@code cancel(false)} lets a running call finish and drops its result. Stages derived
     * from the future ({@code thenApply} and so on) are plain futures: cancelling one of them does not
     * reach the call. They run on the pool's call threads, which may block (even on another call of
     * the same process); {@code orTimeout} and {@code completeExceptionally} end only the future, not
     * the call.
     *
     * @param input the input, an instance of the task's input type
     * @param <O> the task's output type
     * @return a future of the task's output
     */
    <O> CompletableFuture<O> callAsync(Object input);

    /**
     * Returns the task's name, as it appears in exceptions, logs, metrics and the actuator endpoint.
     *
     * @return the task's name
     */
    String name();

    /**
     * Replaces every worker gracefully, without loss of capacity: a new worker is started for each,
     * and each old worker keeps serving until its replacement is ready, then stops after its current
     * call. Also forgets the inputs quarantined as poison: they get another chance. Returns at once.
     */
    void restart();

    /**
     * Stops every worker: sends each a shutdown message, waits up to the shutdown timeout, then
     * kills what is left. Later calls fail with a {@link WorkerUnavailableException}. Idempotent.
     */
    @Override
    void close();
}
