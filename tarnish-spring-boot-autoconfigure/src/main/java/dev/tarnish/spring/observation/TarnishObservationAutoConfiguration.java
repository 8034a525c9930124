package dev.tarnish.spring.observation;

import dev.tarnish.CallContext;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the observations of task calls, when Micrometer's observation API and a
 * registry are there (Spring Boot's actuator). Off with {@code tarnish.enabled=false}; a
 * {@link CallContext} bean of the application's replaces it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "tarnish.enabled", matchIfMissing = true)
public final class TarnishObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CallContext.class)
    ObservationCallContext tarnishObservationCallContext(ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<TarnishCallObservationConvention> callConvention,
            ObjectProvider<TarnishTaskObservationConvention> taskConvention) {
        // The registry when a call first needs it: a worker creates its context before its first call.
        return new ObservationCallContext(registry::getObject, callConvention.getIfAvailable(),
                taskConvention.getIfAvailable());
    }
}
