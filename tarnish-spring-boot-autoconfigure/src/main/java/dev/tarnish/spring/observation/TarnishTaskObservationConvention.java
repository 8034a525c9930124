package dev.tarnish.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a task's run, in the worker: by default {@code tarnish.task},
 * contextual name {@code run <task>}, low-cardinality key {@code task}. A bean of this type replaces
 * the default.
 */
public interface TarnishTaskObservationConvention extends ObservationConvention<TarnishTaskContext> {

    /** The default convention. */
    TarnishTaskObservationConvention DEFAULT = new TarnishTaskObservationConvention() {
    };

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof TarnishTaskContext;
    }

    @Override
    default String getName() {
        return "tarnish.task";
    }

    @Override
    default String getContextualName(TarnishTaskContext context) {
        return "run " + context.getTaskName();
    }

    @Override
    default KeyValues getLowCardinalityKeyValues(TarnishTaskContext context) {
        return KeyValues.of(KeyValue.of("task", context.getTaskName()));
    }
}
