package dev.tarnish;

/**
 * A unit of work that runs inside a worker process, isolated from the caller's JVM.
 *
 * <p>The input type {@code I} and the output type {@code O} are read from the implementing class's
 * generic signature, so they must be concrete: records, POJOs, {@code String}, {@code byte[]}, boxed
 * primitives, and {@code List}/{@code Map} of those all work. Values cross the process boundary in
 * Jackson CBOR and are decoded into the declared type only.
 *
 * <p>A worker runs one call at a time, so an implementation need not be thread-safe and may keep
 * state (a native handle, a cache) in its fields between calls. The class is loaded and instantiated
 * only in the worker process, never in the caller's JVM.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface Task<I, O> {

    /**
     * Runs one call inside the worker.
     *
     * @param input the decoded input, never {@code null}
     * @return the output, which is encoded and sent back to the caller
     * @throws Exception any exception; the caller receives it as a {@link TaskFailedException} and
     *     the worker stays alive
     */
    O run(I input) throws Exception;
}
