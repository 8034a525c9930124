package dev.tarnish;

import java.util.Map;

/** {@link CallContext#none()}: carries nothing and watches nothing, at no cost per call. */
enum NoCallContext implements CallContext, CallContext.CallScope, CallContext.Scope {

    INSTANCE;

    @Override
    public CallScope begin(String taskName) {
        return this;
    }

    @Override
    public Scope enter(String taskName, Map<String, String> headers) {
        return this;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of();
    }

    @Override
    public void end(CallOutcome outcome, Throwable failure) {
    }

    @Override
    public void close() {
    }
}
