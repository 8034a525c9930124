package dev.tarnish.internal.supervise;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tarnish.CallContext;
import dev.tarnish.CallOutcome;
import dev.tarnish.internal.protocol.CallHeaders;
import dev.tarnish.internal.protocol.Frame;

/**
 * A pool's {@link CallContext}, kept from harming a call: what the integration throws is logged, and
 * the call goes on without the context. Adds the scope's headers to the call's frame.
 */
final class GuardedCallContext {

    private static final Logger logger = System.getLogger(GuardedCallContext.class.getName());

    private final CallContext context;

    private final AtomicBoolean warned = new AtomicBoolean();

    private GuardedCallContext(CallContext context) {
        this.context = context;
    }

    static GuardedCallContext of(CallContext context) {
        return new GuardedCallContext((context != null) ? context : CallContext.none());
    }

    /** Begins a call's scope; a scope whose end cannot fail. */
    CallContext.CallScope begin(String taskName) {
        CallContext.CallScope scope;
        try {
            scope = this.context.begin(taskName);
        }
        catch (RuntimeException ex) {
            logger.log(Level.WARNING, "Call context of task '" + taskName + "' failed to begin a call", ex);
            return CallContext.none().begin(taskName);
        }
        return (scope == CallContext.none().begin(taskName)) ? scope : new EndOnce(taskName, scope);
    }

    /** Enters a caller's context around a task's run; a scope whose close cannot fail. */
    CallContext.Scope enter(String taskName, Map<String, String> headers) {
        CallContext.Scope scope;
        try {
            scope = this.context.enter(taskName, headers);
        }
        catch (RuntimeException ex) {
            logger.log(Level.WARNING, "Call context of task '" + taskName + "' failed to enter; the call runs "
                    + "without it", ex);
            return CallContext.none().enter(taskName, headers);
        }
        return new CallContext.Scope() {
            @Override
            public void error(Throwable error) {
                try {
                    scope.error(error);
                }
                catch (RuntimeException ex) {
                    logger.log(Level.WARNING, "Call context of task '" + taskName + "' failed to record an error", ex);
                }
            }

            @Override
            public void close() {
                try {
                    scope.close();
                }
                catch (RuntimeException ex) {
                    logger.log(Level.WARNING, "Call context of task '" + taskName + "' failed to close", ex);
                }
            }
        };
    }

    /**
     * The call's frame, with its scope's headers to go before it, if there are any and they fit: headers
     * that do not are left out (a frame the channel refused would cost the worker its life).
     */
    Frame carry(Frame call, CallContext.CallScope scope, int maxFrameSize) {
        if (this.context == CallContext.none()) {
            return call; // the default: nothing to carry, nothing to encode
        }
        try {
            Map<String, String> headers = scope.headers();
            byte[] context = CallHeaders.encode(headers);
            if (context != null && context.length > maxFrameSize) {
                throw new IllegalArgumentException("The call context's headers encode to " + context.length
                        + " bytes, more than the maximum message size of " + maxFrameSize);
            }
            return (context != null) ? call.withContext(context) : call;
        }
        catch (RuntimeException ex) {
            // Once as a warning: headers that are too large are so on every call.
            logger.log(this.warned.getAndSet(true) ? Level.DEBUG : Level.WARNING,
                    "Call context headers left out of a call", ex);
            return call;
        }
    }

    /** A scope that ends once, and whose end never throws into the call. */
    private static final class EndOnce implements CallContext.CallScope {

        private final String taskName;

        private final CallContext.CallScope scope;

        private final AtomicBoolean ended = new AtomicBoolean();

        EndOnce(String taskName, CallContext.CallScope scope) {
            this.taskName = taskName;
            this.scope = scope;
        }

        @Override
        public Map<String, String> headers() {
            return this.scope.headers();
        }

        @Override
        public void end(CallOutcome outcome, Throwable failure) {
            // No monitor: the integration's end may block (an exporter), and the caller may be a virtual thread.
            if (!this.ended.compareAndSet(false, true)) {
                return;
            }
            try {
                this.scope.end(outcome, failure);
            }
            catch (RuntimeException ex) {
                logger.log(Level.WARNING, "Call context of task '" + this.taskName + "' failed to end a call", ex);
            }
        }
    }
}
