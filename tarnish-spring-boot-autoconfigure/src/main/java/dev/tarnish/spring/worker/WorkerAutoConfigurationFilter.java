package dev.tarnish.spring.worker;

import java.util.List;

import dev.tarnish.Tarnish;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Leaves out of a worker the auto-configurations of the application's own operation, which no task
 * can use there: actuator endpoints (a worker has no web server and no JMX), health contributors
 * (nothing asks a worker for its health: its parent watches it), and the meters of the process
 * itself: JVM, system, logging, start-up time, SSL certificates and task executors. A worker's
 * registry would publish those under the application's own names and tags, mixed into the
 * application's series by a push registry; the parent reports each worker's memory and life
 * instead. Tarnish's own actuator support is the parent's too. And every auto-configuration that
 * its metadata marks conditional on a web application: a worker is never one
 * ({@code spring.main.web-application-type=none}, {@link WorkerModeProperties}), so its condition
 * would fail anyway, once the class has been read.
 *
 * <p>Filtering here, by name, before any of these classes is read, is what makes it pay: each of
 * them costs condition evaluation, bean definitions, and, for the few that Spring Boot keeps eager
 * (health group validation, the meter binders applied to every registry), beans created in every
 * worker start. The application's own configuration and every other auto-configuration, the meter
 * and observation registries a task may record into among them, stay. A task that needs one of
 * these in a worker after all can import it in a configuration of the
 * {@value dev.tarnish.spring.TarnishTask#WORKER_PROFILE} profile: this filter only applies to
 * auto-configuration imports.
 */
public final class WorkerAutoConfigurationFilter implements AutoConfigurationImportFilter {

    private static final Log logger = LogFactory.getLog(WorkerAutoConfigurationFilter.class);

    private static final String BOOT = "org.springframework.boot.";

    private static final List<String> LEFT_OUT_PACKAGES = List.of(BOOT + "actuate.autoconfigure.endpoint.",
            BOOT + "health.autoconfigure.", BOOT + "micrometer.metrics.autoconfigure.jvm.",
            BOOT + "micrometer.metrics.autoconfigure.system.", BOOT + "micrometer.metrics.autoconfigure.logging.",
            BOOT + "micrometer.metrics.autoconfigure.startup.", BOOT + "micrometer.metrics.autoconfigure.ssl.",
            BOOT + "micrometer.metrics.autoconfigure.task.", "dev.tarnish.spring.actuate.");

    private static final List<String> LEFT_OUT_SUFFIXES = List.of("EndpointAutoConfiguration",
            "EndpointExtensionAutoConfiguration", "HealthContributorAutoConfiguration",
            "HealthIndicatorAutoConfiguration");

    private final boolean worker;

    /** The filter of this process: it leaves out nothing unless this process is a worker. */
    public WorkerAutoConfigurationFilter() {
        this(Tarnish.isWorker());
    }

    WorkerAutoConfigurationFilter(boolean worker) {
        this.worker = worker;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            matches[i] = !this.worker || name == null || !(leftOut(name) || webOnly(name, autoConfigurationMetadata));
            if (!matches[i] && logger.isTraceEnabled()) {
                logger.trace("Left out of this worker: " + name);
            }
        }
        return matches;
    }

    private static boolean webOnly(String className, AutoConfigurationMetadata metadata) {
        return metadata.wasProcessed(className) && metadata.get(className, "ConditionalOnWebApplication") != null;
    }

    /**
     * Whether a worker leaves out the auto-configuration of this name, whatever its metadata.
     * @param className the auto-configuration's class name
     * @return whether it is the application's operation and not a task's
     */
    static boolean leftOut(String className) {
        for (String prefix : LEFT_OUT_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        if (!className.startsWith(BOOT)) {
            return false;
        }
        for (String suffix : LEFT_OUT_SUFFIXES) {
            if (className.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
