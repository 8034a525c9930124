package dev.tarnish.spring.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Which auto-configurations a worker leaves out. That a real worker starts without them, and that a
 * task still gets the meter registry, is shown by {@code WebApplicationIntegrationTests}.
 */
class WorkerAutoConfigurationFilterTests {

    private static final String WEB_MVC = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration";

    private static final String[] CANDIDATES = { "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
            "org.springframework.boot.liquibase.autoconfigure.LiquibaseEndpointAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration",
            "dev.tarnish.spring.actuate.TarnishHealthAutoConfiguration", WEB_MVC,
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "dev.tarnish.spring.observation.TarnishObservationAutoConfiguration",
            "com.example.actuate.OrdersEndpointAutoConfiguration", null };

    private static final int LEFT_OUT = 8;

    private final AutoConfigurationMetadata metadata = new Metadata(
            Map.of(WEB_MVC + ".ConditionalOnWebApplication", "SERVLET"));

    @Test
    void inAWorkerShouldLeaveOutTheApplicationsOperationAndWebOnly() {
        boolean[] matches = new WorkerAutoConfigurationFilter(true).match(CANDIDATES, this.metadata);
        for (int i = 0; i < CANDIDATES.length; i++) {
            assertThat(matches[i]).as(String.valueOf(CANDIDATES[i])).isEqualTo(i >= LEFT_OUT);
        }
    }

    @Test
    void outsideAWorkerShouldLeaveOutNothing() {
        boolean[] matches = new WorkerAutoConfigurationFilter(false).match(CANDIDATES, this.metadata);
        for (int i = 0; i < CANDIDATES.length; i++) {
            assertThat(matches[i]).as(String.valueOf(CANDIDATES[i])).isTrue();
        }
    }

    /** Spring Boot's metadata, as read from {@code spring-autoconfigure-metadata.properties}. */
    private record Metadata(Map<String, String> entries) implements AutoConfigurationMetadata {

        @Override
        public boolean wasProcessed(String className) {
            return true;
        }

        @Override
        public Integer getInteger(String className, String key) {
            return null;
        }

        @Override
        public Integer getInteger(String className, String key, Integer defaultValue) {
            return defaultValue;
        }

        @Override
        public Set<String> getSet(String className, String key) {
            return null;
        }

        @Override
        public Set<String> getSet(String className, String key, Set<String> defaultValue) {
            return defaultValue;
        }

        @Override
        public String get(String className, String key) {
            return this.entries.get(className + "." + key);
        }

        @Override
        public String get(String className, String key, String defaultValue) {
            return this.entries.getOrDefault(className + "." + key, defaultValue);
        }
    }
}
