package dev.tarnish.spring.actuate;

import dev.tarnish.spring.TarnishAutoConfiguration;
import dev.tarnish.spring.TarnishProcesses;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

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

    /**
     * Describes the meters Micrometer's observation handler makes of the {@code tarnish.call}
     * observation ({@code tarnish.call} and {@code tarnish.call.active}), which it leaves without help
     * text: every {@code tarnish} meter has one.
     */
    @Bean
    MeterFilter tarnishCallObservationDescriptions() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName();
                if (id.getDescription() != null || !(name.equals("tarnish.call") || name.startsWith("tarnish.call."))) {
                    return id;
                }
                String description = name.endsWith(".active") ? "Calls of a tarnish task in progress, as observed"
                        : "Calls of a tarnish task as observed (the tarnish.call observation), by outcome";
                return new Meter.Id(name, Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType());
            }
        };
    }

    /** Status meters; Boot binds it once all singletons exist, so it never creates a process early. */
    @Bean
    @ConditionalOnMissingBean
    TarnishProcessesMeterBinder tarnishProcessesMeterBinder(TarnishProcesses processes) {
        return new TarnishProcessesMeterBinder(processes);
    }
}
