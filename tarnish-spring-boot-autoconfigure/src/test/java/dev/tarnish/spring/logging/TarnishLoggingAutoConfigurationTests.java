package dev.tarnish.spring.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tarnish.WorkerLaunch;
import dev.tarnish.WorkerOutput;
import dev.tarnish.spring.TarnishAutoConfiguration;
import dev.tarnish.spring.fixtures.tasks.TaskFixtures;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Conditions of {@link TarnishLoggingAutoConfiguration}, and the {@link WorkerOutput} bean reaching
 * the task's workers. Workers are "launched" as a shell that prints a line and exits: no JVM starts,
 * and a one-hour restart backoff keeps the pools from trying again.
 */
class TarnishLoggingAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TarnishLoggingAutoConfiguration.class));

    @Test
    void runShouldForwardWorkerOutputToSlf4j() {
        this.runner.run((context) -> assertThat(context).getBean(WorkerOutput.class)
            .isInstanceOf(StructuredWorkerOutput.class));
    }

    @Test
    void runWithAnOutputOfTheApplicationsShouldBackOff() {
        WorkerOutput own = (taskName, pid, source, line) -> {
        };
        this.runner.withBean(WorkerOutput.class, () -> own)
            .run((context) -> assertThat(context).getBean(WorkerOutput.class).isSameAs(own));
    }

    @Test
    void runWithoutSlf4jsFluentApiShouldLeaveTheDefault() {
        this.runner.withClassLoader(new FilteredClassLoader(LoggingEventBuilder.class))
            .run((context) -> assertThat(context).doesNotHaveBean(WorkerOutput.class));
    }

    @Test
    void runWhenDisabledShouldNotHaveOutputBean() {
        this.runner.withPropertyValues("tarnish.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(WorkerOutput.class));
    }

    @Test
    void runWithAnOutputOfTheApplicationsShouldGiveItWhatTheWorkersPrint() {
        List<String> lines = new CopyOnWriteArrayList<>();
        WorkerOutput own = (taskName, pid, source, line) -> lines.add(taskName + " " + source + " " + line);
        this.runner.withConfiguration(AutoConfigurations.of(TarnishAutoConfiguration.class))
            .withUserConfiguration(TaskFixtures.class)
            .withBean(WorkerLaunch.class, () -> (options) -> List.of("sh", "-c", "echo printed by the worker"))
            .withBean(WorkerOutput.class, () -> own)
            .withPropertyValues("tarnish.defaults.restart-backoff=1h", "tarnish.defaults.max-restart-backoff=1h",
                    "tarnish.defaults.shutdown-timeout=0s")
            .run((context) -> {
                context.getBean("reverse");
                await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(lines).contains("reverse STDOUT printed by the worker"));
            });
    }
}
