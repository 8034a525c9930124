package dev.tarnish.spring.observation;

import java.util.Locale;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a call, in the application: by default {@code tarnish.call},
 * contextual name {@code call <task>}, low-cardinality keys {@code task} and {@code outcome}
 * ({@code success}, {@code failure}, {@code crash}, {@code timeout} or {@code rejected}). A bean of
 * this type replaces the default.
 */
public interface TarnishCallObservationConvention extends ObservationConvention<TarnishCallContext> {

    /** The default convention. */
    TarnishCallObservationConvention DEFAULT = new TarnishCallObservationConvention() {
    };

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof TarnishCallContext;
    }

    @Override
    default String getName() {
        return "tarnish.call";
    }

    @Override
    default String getContextualName(TarnishCallContext context) {
        return "call " + context.getTaskName();
    }

    @Override
    default KeyValues getLowCardinalityKeyValues(TarnishCallContext context) {
        String outcome = (context.getOutcome() != null) ? context.getOutcome().name().toLowerCase(Locale.ROOT)
                : "unknown";
        return KeyValues.of(KeyValue.of("task", context.getTaskName()), KeyValue.of("outcome", outcome));
    }
}
