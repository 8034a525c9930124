package dev.tarnish.spring.observation;

import java.util.Map;
import java.util.function.Supplier;

import dev.tarnish.CallContext;
import dev.tarnish.CallOutcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.util.function.SingletonSupplier;

/**
 * Observes task calls with Micrometer: a {@code tarnish.call} observation per call in the
 * application, from its start on the caller's thread to its outcome, whose carrier a tracing handler
 * fills with the trace headers the call takes along; and, in the worker, a {@code tarnish.task}
 * observation around the task's run, in scope, started from those headers: with Micrometer Tracing,
 * the worker's spans are children of the caller's and the worker's log lines carry its trace id.
 */
public final class ObservationCallContext implements CallContext {

    /** Got when first needed: in a worker whose calls carry no trace, never. */
    private final Supplier<ObservationRegistry> registry;

    private final TarnishCallObservationConvention callConvention;

    private final TarnishTaskObservationConvention taskConvention;

    /**
     * Creates the context.
     * @param registry the registry
     * @param callConvention the convention of {@code tarnish.call}, or {@code null} for the default
     * @param taskConvention the convention of {@code tarnish.task}, or {@code null} for the default
     */
    public ObservationCallContext(ObservationRegistry registry, TarnishCallObservationConvention callConvention,
            TarnishTaskObservationConvention taskConvention) {
        this(() -> registry, callConvention, taskConvention);
    }

    /**
     * Creates the context with a registry got the first time a call needs it: in a worker, the
     * application's registry is built with its handlers and their meter registries, tens of
     * milliseconds of a worker's start, and only a call that carries its caller's trace needs it.
     * @param registry gets the registry, once
     * @param callConvention the convention of {@code tarnish.call}, or {@code null} for the default
     * @param taskConvention the convention of {@code tarnish.task}, or {@code null} for the default
     */
    public ObservationCallContext(Supplier<ObservationRegistry> registry,
            TarnishCallObservationConvention callConvention, TarnishTaskObservationConvention taskConvention) {
        this.registry = SingletonSupplier.of(registry);
        this.callConvention = callConvention;
        this.taskConvention = taskConvention;
    }

    @Override
    public CallScope begin(String taskName) {
        TarnishCallContext context = new TarnishCallContext(taskName);
        Observation observation = Observation
            .createNotStarted(this.callConvention, TarnishCallObservationConvention.DEFAULT, () -> context,
                    this.registry.get())
            .start();
        Map<String, String> headers;
        try {
            // Read now: the tracing handler has written the headers as the observation started.
            headers = Map.copyOf(context.getCarrier());
        }
        catch (RuntimeException ex) {
            // A propagator that wrote a null: the call goes on without headers, its observation ends.
            observation.error(ex).stop();
            throw ex;
        }
        return new CallScope() {
            @Override
            public Map<String, String> headers() {
                return headers;
            }

            @Override
            public void end(CallOutcome outcome, Throwable failure) {
                context.setOutcome(outcome);
                if (failure != null) {
                    observation.error(failure);
                }
                observation.stop();
            }
        };
    }

    @Override
    public Scope enter(String taskName, Map<String, String> headers) {
        if (headers.isEmpty() || this.registry.get().isNoop()) {
            // The caller traced nothing: a trace of its own per call would be noise.
            return CallContext.none().enter(taskName, headers);
        }
        TarnishTaskContext context = new TarnishTaskContext(taskName, headers);
        Observation observation = Observation
            .createNotStarted(this.taskConvention, TarnishTaskObservationConvention.DEFAULT, () -> context,
                    this.registry.get())
            .start();
        Observation.Scope scope = observation.openScope();
        return new Scope() {
            @Override
            public void error(Throwable error) {
                observation.error(error);
            }

            @Override
            public void close() {
                scope.close();
                observation.stop();
            }
        };
    }
}
