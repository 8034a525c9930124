package dev.tarnish.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tarnish.spring.TarnishAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Conditions of the endpoint, health and metrics auto-configurations. No task is defined here, so no
 * worker starts.
 */
class TarnishActuateAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TarnishAutoConfiguration.class, TarnishEndpointAutoConfiguration.class,
                TarnishHealthAutoConfiguration.class, TarnishMetricsAutoConfiguration.class));

    @Test
    void runWhenNotExposedShouldNotHaveEndpointBean() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(TarnishEndpoint.class));
    }

    @Test
    void runWhenExposedOverWebShouldHaveEndpointBean() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=tarnish")
            .run((context) -> assertThat(context).hasSingleBean(TarnishEndpoint.class));
    }

    @Test
    void runWithoutActuatorShouldNotHaveEndpointBean() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=tarnish")
            .withClassLoader(new FilteredClassLoader(Endpoint.class))
            .run((context) -> assertThat(context).doesNotHaveBean(TarnishEndpoint.class));
    }

    @Test
    void runWithUserEndpointShouldBackOff() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=tarnish")
            .withBean("myEndpoint", TarnishEndpoint.class, () -> new TarnishEndpoint(null))
            .run((context) -> assertThat(context).hasSingleBean(TarnishEndpoint.class).hasBean("myEndpoint"));
    }

    @Test
    void runShouldHaveHealthIndicatorNamedTarnish() {
        this.runner.run((context) -> assertThat(context).hasSingleBean(TarnishHealthIndicator.class)
            .hasBean("tarnishHealthIndicator"));
    }

    @Test
    void runWhenHealthIndicatorDisabledShouldNotHaveIt() {
        this.runner.withPropertyValues("management.health.tarnish.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(TarnishHealthIndicator.class));
    }

    @Test
    void runWithoutHealthModuleShouldNotHaveHealthIndicator() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).doesNotHaveBean(TarnishHealthIndicator.class));
    }

    @Test
    void runWithMeterRegistryShouldHaveMeters() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .run((context) -> assertThat(context).hasSingleBean(TarnishMetricsListener.class)
                .hasSingleBean(TarnishProcessesMeterBinder.class));
    }

    @Test
    void runWithoutMeterRegistryBeanShouldNotHaveMeters() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(TarnishMetricsListener.class)
            .doesNotHaveBean(TarnishProcessesMeterBinder.class));
    }

    @Test
    void runWithoutMicrometerShouldNotHaveMeters() {
        this.runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).doesNotHaveBean(TarnishMetricsListener.class));
    }

    @Test
    void runWhenTarnishDisabledShouldHaveNoManagementBeans() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("tarnish.enabled=false", "management.endpoints.web.exposure.include=tarnish")
            .run((context) -> assertThat(context).doesNotHaveBean(TarnishEndpoint.class)
                .doesNotHaveBean(TarnishHealthIndicator.class)
                .doesNotHaveBean(TarnishMetricsListener.class));
    }
}
