package dev.tarnish.spring.observation;

import java.util.HashMap;
import java.util.Map;

import dev.tarnish.CallOutcome;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The context of a {@code tarnish.call} observation: the task, and, once the call has ended, its
 * outcome. Its carrier is the headers the call takes into the worker, which a tracing handler fills
 * as the observation starts.
 */
public class TarnishCallContext extends SenderContext<Map<String, String>> {

    private final String taskName;

    private CallOutcome outcome;

    /**
     * Creates the context of one call.
     * @param taskName the task's name
     */
    public TarnishCallContext(String taskName) {
        super((carrier, key, value) -> carrier.put(key, value), Kind.CLIENT);
        this.taskName = taskName;
        setCarrier(new HashMap<>());
        setRemoteServiceName("tarnish-worker");
    }

    /**
     * Returns the task's name.
     * @return the name
     */
    public String getTaskName() {
        return this.taskName;
    }

    /**
     * Returns how the call ended.
     * @return the outcome, or {@code null} while the call runs
     */
    public CallOutcome getOutcome() {
        return this.outcome;
    }

    void setOutcome(CallOutcome outcome) {
        this.outcome = outcome;
    }
}
