package dev.tarnish.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tarnish.IsolatedProcess;
import dev.tarnish.SupervisedProcess;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.WorkerLaunchCustomizer;
import dev.tarnish.spring.fixtures.InertWorkers;
import dev.tarnish.spring.fixtures.Initializations;
import dev.tarnish.spring.fixtures.StubProcess;
import dev.tarnish.spring.fixtures.badannotation.BadAnnotationFixtures;
import dev.tarnish.spring.fixtures.clash.ClashFixtures;
import dev.tarnish.spring.fixtures.rawtypes.RawTypesFixtures;
import dev.tarnish.spring.fixtures.tasks.ReverseTask;
import dev.tarnish.spring.fixtures.tasks.TaskFixtures;
import dev.tarnish.spring.fixtures.tasks.UppercaseTask;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Registration, conditions, properties and failure analysis of {@link TarnishAutoConfiguration}.
 * Workers are "launched" as {@code true}, which exits at once: the pools exist but no JVM starts, and
 * a one-hour restart backoff keeps them from trying again.
 */
class TarnishAutoConfigurationTests {

    private final ApplicationContextRunner runner = InertWorkers.runner();

    @Test
    void runShouldRegisterOneProcessPerTaskNamedAfterItAndInjectableByGenericType() {
        this.runner.withUserConfiguration(TaskFixtures.class).run((context) -> {
            assertThat(namesFor(context, IsolatedProcess.class, UppercaseTask.class)).containsExactly("uppercaseTask");
            assertThat(namesFor(context, SupervisedProcess.class, ReverseTask.class)).containsExactly("reverse");
            assertThat(context.getBean("reverse", IsolatedProcess.class).name()).isEqualTo("reverse");
            assertThat(context.getBean(TarnishProcesses.class).all()).containsOnlyKeys("reverse", "uppercaseTask");
        });
    }

    @Test
    void runShouldNeitherInitializeNorInstantiateTaskClasses() {
        this.runner.withUserConfiguration(TaskFixtures.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ReverseTask.class).doesNotHaveBean(UppercaseTask.class);
            assertThat(Initializations.classes()).isEmpty();
        });
    }

    @Test
    void runWithUserDefinedProcessShouldBackOffForThatTask() {
        this.runner.withUserConfiguration(TaskFixtures.class, UserProcessConfiguration.class).run((context) -> {
            assertThat(namesFor(context, IsolatedProcess.class, ReverseTask.class)).containsExactly("myReverse");
            assertThat(namesFor(context, IsolatedProcess.class, UppercaseTask.class)).containsExactly("uppercaseTask");
        });
    }

    @Test
    void runWhenDisabledShouldRegisterNothing() {
        this.runner.withUserConfiguration(TaskFixtures.class).withPropertyValues("tarnish.enabled=false")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(TarnishProcesses.class).doesNotHaveBean(TarnishProperties.class);
                assertThat(context.getBeanNamesForType(IsolatedProcess.class)).isEmpty();
            });
    }

    @Test
    void runWithoutUserLaunchShouldProvideDefaultLaunch() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TarnishAutoConfiguration.class))
            .run((context) -> assertThat(context).hasSingleBean(WorkerLaunch.class)
                .hasSingleBean(TarnishProcesses.class)
                .hasSingleBean(TarnishProperties.class));
    }

    @Test
    void runWithZeroWorkersShouldFailNamingTheKey() {
        assertFailsOn("tarnish.tasks.reverse.workers", "tarnish.tasks.reverse.workers=0");
    }

    @Test
    void runWithNegativeDefaultTimeoutShouldFailNamingTheKey() {
        assertFailsOn("tarnish.defaults.call-timeout", "tarnish.defaults.call-timeout=-1s");
    }

    @Test
    void runWithNegativeDefaultShutdownTimeoutShouldFailEvenWithoutTasks() {
        this.runner.withPropertyValues("tarnish.defaults.shutdown-timeout=-5s")
            .run((context) -> assertThat(failure(context).getKey()).isEqualTo("tarnish.defaults.shutdown-timeout"));
    }

    @Test
    void runWithBadValuesOfThePoolFeaturesShouldFailNamingTheKey() {
        assertFailsOn("tarnish.tasks.uppercaseTask.max-worker-memory",
                "tarnish.tasks.uppercaseTask.max-worker-memory=1KB");
        assertFailsOn("tarnish.defaults.retries", "tarnish.defaults.retries=-1");
        assertFailsOn("tarnish.defaults.poison-ttl", "tarnish.defaults.poison-ttl=0s");
        assertFailsOn("tarnish.tasks.reverse.poison-threshold", "tarnish.tasks.reverse.poison-threshold=-2");
        assertFailsOn("tarnish.defaults.health-check-interval", "tarnish.defaults.health-check-interval=-1s");
        assertFailsOn("tarnish.tasks.reverse.max-queued-calls", "tarnish.tasks.reverse.max-queued-calls=-1");
        assertFailsOn("tarnish.defaults.command-prefix", "tarnish.defaults.command-prefix=nice,,-n");
    }

    @Test
    void runWithUnknownTaskNameShouldFailNamingTheKey() {
        assertFailsOn("tarnish.tasks.reverze", "tarnish.tasks.reverze.workers=2");
    }

    @Test
    void runWithACamelCaseTaskSetByAnEnvironmentVariableShouldApplyItToThatTask() {
        // TARNISH_TASKS_UPPERCASETASK_WORKERS binds to the map key "uppercasetask": the task is "uppercaseTask".
        this.runner.withUserConfiguration(TaskFixtures.class)
            .withInitializer(environmentVariables(Map.of("TARNISH_TASKS_UPPERCASETASK_WORKERS", "0")))
            .run((context) -> {
                InvalidTarnishPropertyException failure = failure(context);
                assertThat(failure.getKey()).isEqualTo("tarnish.tasks.uppercaseTask.workers");
                assertThat(failure.getReason()).contains("at least 1");
            });
        this.runner.withUserConfiguration(TaskFixtures.class)
            .withInitializer(environmentVariables(Map.of("TARNISH_TASKS_UPPERCASETASK_WORKERS", "2")))
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void runWithATaskSetUnderItsNameAndInLowerCaseShouldLetTheLowerCaseKeyWinAsAnEnvironmentVariableWould() {
        this.runner.withUserConfiguration(TaskFixtures.class)
            .withPropertyValues("tarnish.tasks.uppercaseTask.workers=2", "tarnish.tasks.uppercaseTask.retries=-1")
            .withInitializer(environmentVariables(Map.of("TARNISH_TASKS_UPPERCASETASK_RETRIES", "1",
                    "TARNISH_TASKS_UPPERCASETASK_WORKERS", "0")))
            .run((context) -> {
                InvalidTarnishPropertyException failure = failure(context);
                assertThat(failure.getKey()).isEqualTo("tarnish.tasks.uppercaseTask.workers");
                assertThat(failure.getValue()).isEqualTo(0);
            });
    }

    /** A source of environment variables, mapped as Spring Boot maps the real ones. */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
            Map<String, Object> variables) {
        return (context) -> context.getEnvironment()
            .getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    variables));
    }

    @Test
    void runWithMalformedAnnotationTimeoutShouldFailNamingTheClass() {
        this.runner.withUserConfiguration(BadAnnotationFixtures.class).run((context) -> {
            InvalidTarnishPropertyException failure = failure(context);
            assertThat(failure.getKey()).isEqualTo("@TarnishTask(callTimeout) on "
                    + BadAnnotationFixtures.SloppyTask.class.getName());
            assertThat(failure.getValue()).isEqualTo("soon");
        });
    }

    @Test
    void runWithTaskWithoutConcreteTypesShouldFailNamingTheTaskClass() {
        this.runner.withUserConfiguration(RawTypesFixtures.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RawTypesFixtures.VagueTask.class.getName()).hasMessageContaining("concrete");
        });
    }

    @Test
    void failureAnalysisShouldNameTheKeyToFix() {
        this.runner.withUserConfiguration(TaskFixtures.class).withPropertyValues("tarnish.tasks.uppercaseTask.workers=0")
            .run((context) -> {
                FailureAnalysis analysis = new InvalidTarnishPropertyFailureAnalyzer()
                    .analyze(context.getStartupFailure());
                assertThat(analysis.getDescription())
                    .isEqualTo("Invalid value '0' for 'tarnish.tasks.uppercaseTask.workers': must be at least 1");
                assertThat(analysis.getAction()).contains("tarnish.tasks.uppercaseTask.workers");
            });
    }

    @Test
    void runShouldApplyWorkerLaunchCustomizerBeansToEveryTasksWorkers() {
        List<String> customized = new CopyOnWriteArrayList<>();
        this.runner.withUserConfiguration(TaskFixtures.class)
            .withBean(WorkerLaunchCustomizer.class, () -> (taskName, spec) -> customized.add(taskName))
            .run((context) -> await().atMost(Duration.ofSeconds(30))
                .until(() -> customized.containsAll(List.of("reverse", "uppercaseTask"))));
    }

    @Test
    void workersShouldStartOnlyOnceTheContextIsRefreshed() {
        List<String> customized = new CopyOnWriteArrayList<>();
        List<Integer> startedDuringRefresh = new CopyOnWriteArrayList<>();
        this.runner.withUserConfiguration(TaskFixtures.class)
            .withBean(WorkerLaunchCustomizer.class, () -> (taskName, spec) -> customized.add(taskName))
            // After every singleton, the processes included, and before the refresh ends: no worker yet.
            .withBean(SmartInitializingSingleton.class, () -> () -> {
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(customized::isEmpty);
                startedDuringRefresh.add(customized.size());
            })
            .run((context) -> {
                assertThat(startedDuringRefresh).containsExactly(0);
                await().atMost(Duration.ofSeconds(30))
                    .until(() -> customized.containsAll(List.of("reverse", "uppercaseTask")));
            });
    }

    @Test
    void runWithTwoTasksOfTheSameNameShouldFailWithItsOwnAnalysis() {
        this.runner.withUserConfiguration(ClashFixtures.class).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new TaskNameClashFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("'render'", ClashFixtures.PdfRender.class.getName(),
                    ClashFixtures.ImageRender.class.getName());
            assertThat(analysis.getAction()).contains("@TarnishTask(name = ");
        });
    }

    private void assertFailsOn(String key, String... properties) {
        this.runner.withUserConfiguration(TaskFixtures.class).withPropertyValues(properties)
            .run((context) -> assertThat(failure(context).getKey()).isEqualTo(key));
    }

    private static InvalidTarnishPropertyException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidTarnishPropertyException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("cause of %s", context.getStartupFailure()).isNotNull();
        return (InvalidTarnishPropertyException) failure;
    }

    private static String[] namesFor(AssertableApplicationContext context, Class<?> type, Class<?> task) {
        return context.getBeanNamesForType(ResolvableType.forClassWithGenerics(type, task));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserProcessConfiguration {

        @Bean
        SupervisedProcess<ReverseTask> myReverse() {
            return new StubProcess<>("reverse");
        }
    }
}
