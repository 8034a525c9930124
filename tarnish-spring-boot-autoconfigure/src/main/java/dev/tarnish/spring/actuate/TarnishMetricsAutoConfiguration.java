package dev.tarnish.spring.actuate;

import dev.tarnish.spring.TarnishAutoConfiguration;
import dev.tarnish.spring.TarnishProcesses;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code tarnish.*} meters, when Micrometer and a {@link MeterRegistry}
 * bean are present.
 */
@AutoConfiguration(after = TarnishAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, TarnishProcesses.class })
public final class TarnishMetricsAutoConfiguration {

    /** Event meters; a listener, so each process hands it the events of its first workers too. */
    @Bean
    @ConditionalOnMissingBean
    TarnishMetricsListener tarnishMetricsListener(MeterRegistry registry) {
        return new TarnishMetricsListener(registry);
    }

    /** Status meters; Boot binds it once all singletons exist, so it never creates a process early. */
    @Bean
    @ConditionalOnMissingBean
    TarnishProcessesMeterBinder tarnishProcessesMeterBinder(TarnishProcesses processes) {
        return new TarnishProcessesMeterBinder(processes);
    }
}
