package dev.tarnish.spring.logging;

import dev.tarnish.WorkerOutput;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of where worker output goes: into the application's logging through SLF4J,
 * each event of a worker's log at its level, with the task's name and the worker's pid as MDC
 * entries. A {@link WorkerOutput} bean of the application's own takes its place.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "tarnish.enabled", matchIfMissing = true)
@ConditionalOnClass(name = "org.slf4j.spi.LoggingEventBuilder")
public final class TarnishLoggingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WorkerOutput tarnishWorkerOutput(Environment environment) {
        return new StructuredWorkerOutput(StructuredLogNames.of(environment));
    }
}
