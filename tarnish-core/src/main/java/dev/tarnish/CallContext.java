package dev.tarnish;

import java.util.Map;

/**
 * Carries a caller's context, such as its trace, into the worker with each call, and watches each
 * call from its start to its outcome: the hook through which an integration (the Spring Boot
 * starter's Micrometer {@code Observation}s) traces calls across the process boundary.
 *
 * <p>On the caller's side, {@link #begin} runs on the calling thread as a call starts (its input
 * already checked and encoded), and the returned scope's {@link CallScope#end} runs once, with the
 * outcome the call is counted with, on whichever thread completes the call. The scope's headers
 * travel with the call; in the worker, {@link #enter} gets them before the task runs, and the
 * returned scope is closed once the task has returned or thrown. Implementations must be
 * thread-safe, quick, and must not throw: a failure of theirs is logged and the call goes on.
 */
public interface CallContext {

    /**
     * Caller side: a call of a task begins.
     * @param taskName the task's name
     * @return the call's scope
     */
    CallScope begin(String taskName);

    /**
     * Worker side: a call arrives, with what its caller's scope carried.
     * @param taskName the task's name
     * @param headers the caller's headers, empty if it had none
     * @return what to close once the task has run
     */
    Scope enter(String taskName, Map<String, String> headers);

    /**
     * Returns the context that carries and watches nothing, the default.
     * @return the context
     */
    static CallContext none() {
        return NoCallContext.INSTANCE;
    }

    /**
     * One call, on the caller's side.
     */
    interface CallScope {

        /**
         * Returns what to carry into the worker, such as {@code traceparent}; read once, as the call
         * starts. Keys and values must not be {@code null}; together they must stay small (at most 64 KiB
         * encoded).
         * @return the headers, possibly empty
         */
        Map<String, String> headers();

        /**
         * The call ended. Runs once per call, after every attempt of it.
         * @param outcome the outcome it is counted with
         * @param failure what the caller gets thrown, or {@code null} on success
         */
        void end(CallOutcome outcome, Throwable failure);
    }

    /**
     * The caller's context, entered in the worker for one call.
     */
    interface Scope extends AutoCloseable {

        /**
         * The task threw; called before {@link #close()}, on the same thread.
         * @param error what the task threw, which its caller gets as a {@code TaskFailedException}
         */
        default void error(Throwable error) {
        }

        /** Leaves the caller's context; does not throw. */
        @Override
        void close();
    }
}
