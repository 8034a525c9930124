package dev.tarnish.spring.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The context of a {@code tarnish.task} observation, in the worker around one run of the task: its
 * carrier is the headers the call brought, from which a tracing handler takes the caller's trace.
 */
public class TarnishTaskContext extends ReceiverContext<Map<String, String>> {

    private final String taskName;

    /**
     * Creates the context of one run.
     * @param taskName the task's name
     * @param headers the headers the call carried
     */
    public TarnishTaskContext(String taskName, Map<String, String> headers) {
        super((carrier, key) -> carrier.get(key), Kind.SERVER);
        this.taskName = taskName;
        setCarrier(headers);
    }

    /**
     * Returns the task's name.
     * @return the name
     */
    public String getTaskName() {
        return this.taskName;
    }
}
