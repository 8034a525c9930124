package dev.tarnish.spring.worker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The properties a worker runs with, above all of the application's own. The structural switches of
 * worker mode (no web server, lazy beans) and, as a second line behind the worker's lifecycle
 * processor and event multicaster, the switches of what a library may start on its own the moment
 * its bean is created, which only a property turns off. And the worker's console log, which only
 * its parent reads: one JSON object per event, in a shape the parent can read back.
 */
final class WorkerModeProperties {

    static final String SOURCE_NAME = "tarnishWorkerMode";

    private WorkerModeProperties() {
    }

    /**
     * Puts the worker-mode properties first in a worker's environment.
     * @param environment the worker's environment
     */
    static void apply(ConfigurableEnvironment environment) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties()));
    }

    static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        // spring.main.* is bound to the SpringApplication after the environment is prepared.
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.lazy-initialization", "true");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.jmx.enabled", "false");
        properties.put("spring.devtools.restart.enabled", "false");
        // Listener containers that a bean created in the worker registers are started at once, not by
        // the lifecycle processor, unless they are not auto-started.
        properties.put("spring.kafka.listener.auto-startup", "false");
        properties.put("spring.jms.listener.auto-startup", "false");
        properties.put("spring.rabbitmq.listener.simple.auto-startup", "false");
        properties.put("spring.rabbitmq.listener.direct.auto-startup", "false");
        properties.put("spring.rabbitmq.listener.stream.auto-startup", "false");
        properties.put("spring.pulsar.listener.auto-startup", "false");
        properties.put("spring.quartz.auto-startup", "false");
        // Deferred, spring.sql.init would run once the EntityManagerFactory exists, which makes Boot count
        // the factory itself among the database initializers that a worker skips.
        properties.put("spring.jpa.defer-datasource-initialization", "false");
        // Hibernate creates or drops the schema while it builds the EntityManagerFactory a task may need.
        properties.put("spring.jpa.hibernate.ddl-auto", "none");
        properties.put("spring.jpa.generate-ddl", "false");
        properties.put("spring.jpa.properties.hibernate.hbm2ddl.auto", "none");
        properties.put("spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "none");
        // Spring Cloud registers the application with its service registry.
        properties.put("spring.cloud.service-registry.auto-registration.enabled", "false");
        workerConsoleLog(properties);
        return properties;
    }

    /**
     * The worker's console log is for its parent, which reads each event back and logs it in its own
     * format and with its own customizations ({@code dev.tarnish.spring.logging.StructuredWorkerOutput}):
     * Spring Boot's logstash format (its field names are fixed, and it writes the MDC and SLF4J
     * key-value pairs as plain top-level fields), without the application's choice of members or
     * customizers, which apply once, in the parent. The stack trace settings stay the application's.
     */
    private static void workerConsoleLog(Map<String, Object> properties) {
        properties.put("logging.structured.format.console", "logstash");
        properties.put("logging.structured.json.include", "");
        properties.put("logging.structured.json.exclude", "");
        properties.put("logging.structured.json.customizer", "");
        properties.put("logging.structured.json.context.include", "true");
        properties.put("logging.structured.json.context.prefix", "");
    }
}
