package dev.tarnish.spring.actuate;

import dev.tarnish.spring.TarnishAutoConfiguration;
import dev.tarnish.spring.TarnishProcesses;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code tarnish} actuator endpoint. Spring Boot's endpoint rules decide
 * whether it is available and where it is exposed.
 */
@AutoConfiguration(after = TarnishAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TarnishProcesses.class)
@ConditionalOnAvailableEndpoint(TarnishEndpoint.class)
public final class TarnishEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TarnishEndpoint tarnishEndpoint(TarnishProcesses processes) {
        return new TarnishEndpoint(processes);
    }
}
