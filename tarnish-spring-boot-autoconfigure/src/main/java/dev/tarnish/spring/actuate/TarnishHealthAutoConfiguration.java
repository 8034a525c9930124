package dev.tarnish.spring.actuate;

import dev.tarnish.spring.TarnishAutoConfiguration;
import dev.tarnish.spring.TarnishProcesses;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code tarnish} health indicator; off with
 * {@code management.health.tarnish.enabled=false}.
 */
@AutoConfiguration(after = TarnishAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(TarnishProcesses.class)
@ConditionalOnEnabledHealthIndicator("tarnish")
public final class TarnishHealthAutoConfiguration {

    /** The bean name gives the contributor its name, {@code tarnish}. */
    @Bean
    @ConditionalOnMissingBean(name = "tarnishHealthIndicator")
    TarnishHealthIndicator tarnishHealthIndicator(TarnishProcesses processes) {
        return new TarnishHealthIndicator(processes);
    }
}
