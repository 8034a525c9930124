package dev.tarnish.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tarnish.WorkerLaunchCustomizer;
import dev.tarnish.spring.fixtures.InertWorkers;
import dev.tarnish.spring.fixtures.isolated.IsolatedFixtures;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Registration of {@link Isolated} methods: a process per method under its name, settings from the
 * annotation and the properties, the bean's proxy, and the start-up failures of methods that calls
 * could not reach through a proxy. Workers are "launched" as {@code true}: no JVM starts.
 */
class IsolatedMethodRegistrationTests {

    private final ApplicationContextRunner runner = InertWorkers.runner();

    @Test
    void runShouldRegisterOneProcessPerIsolatedMethodAndProxyTheBean() {
        this.runner.withUserConfiguration(IsolatedFixtures.Good.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TarnishProcesses.class).all()).containsOnlyKeys("thumbnails.render", "probe");
            IsolatedFixtures.Thumbnails thumbnails = context.getBean(IsolatedFixtures.Thumbnails.class);
            assertThat(AopUtils.isCglibProxy(thumbnails)).isTrue();
            assertThat(thumbnails.plain()).isEqualTo("plain");
        });
    }

    @Test
    void settingsShouldComeFromTheAnnotationAndFromPropertiesWithTheNameInBrackets() {
        Map<String, Integer> starts = new ConcurrentHashMap<>();
        this.runner.withUserConfiguration(IsolatedFixtures.Good.class)
            .withBean(WorkerLaunchCustomizer.class, () -> (task, spec) -> starts.merge(task, 1, Integer::sum))
            .withPropertyValues("tarnish.tasks[thumbnails.render].workers=4", "tarnish.tasks.probe.workers=3")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                // Each worker of the first fill starts once; the one-hour backoff keeps them from restarting.
                await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(starts).containsOnly(entry("thumbnails.render", 4),
                            entry("probe", 3)));
            });
        starts.clear();
        this.runner.withUserConfiguration(IsolatedFixtures.Good.class)
            .withBean(WorkerLaunchCustomizer.class, () -> (task, spec) -> starts.merge(task, 1, Integer::sum))
            .run((context) -> await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(starts).containsOnly(entry("thumbnails.render", 2), entry("probe", 1))));
    }

    @Test
    void propertiesOfADottedNameWithoutBracketsShouldFailNamingTheKey() {
        this.runner.withUserConfiguration(IsolatedFixtures.Good.class)
            .withPropertyValues("tarnish.tasks.thumbnails.render.workers=3")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOfSatisfying(InvalidTarnishPropertyException.class, (ex) -> {
                        assertThat(ex.getKey()).isEqualTo("tarnish.tasks.thumbnails");
                        assertThat(ex).hasMessageContaining("tarnish.tasks[thumbnails.render].workers");
                    });
            });
    }

    @Test
    void nonPublicMethodShouldFailTheStart() {
        assertRefused(IsolatedFixtures.NotPublic.class, "NotPublicBean#hidden(String)", "not public");
    }

    @Test
    void finalMethodShouldFailTheStart() {
        assertRefused(IsolatedFixtures.FinalMethod.class, "FinalMethodBean#fixed(String)", "final");
    }

    @Test
    void methodOfAFinalClassShouldFailTheStart() {
        assertRefused(IsolatedFixtures.FinalClass.class, "RecordBean#append(String)", "class is final");
    }

    @Test
    void methodOfAPrototypeBeanShouldFailTheStart() {
        assertRefused(IsolatedFixtures.Prototype.class, "IsolatedFixtures$Thumbnails#", "not a singleton");
    }

    @Test
    void methodWhoseBeanDefinitionHidesItsClassShouldFailTheStartRatherThanRunUnisolated() {
        assertRefused(IsolatedFixtures.HiddenType.class, "NativeConverter#convert(String)",
                "declare the bean's own class as its type");
    }

    @Test
    void methodThatIsAlsoAsyncShouldFailTheStart() {
        assertRefused(IsolatedFixtures.AlsoAsync.class, "AsyncBean#fire(String)", "also @Async");
    }

    @Test
    void overloadsWithTheSameDefaultNameShouldClash() {
        this.runner.withUserConfiguration(IsolatedFixtures.Overloads.class).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new TaskNameClashFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("'overloaded.convert'", "convert(String)",
                    "convert(Integer)");
            assertThat(analysis.getAction()).contains("@Isolated(name = ");
        });
    }

    private void assertRefused(Class<?> configuration, String method, String reason) {
        this.runner.withUserConfiguration(configuration).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidIsolatedMethodFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(method, reason);
        });
    }
}
