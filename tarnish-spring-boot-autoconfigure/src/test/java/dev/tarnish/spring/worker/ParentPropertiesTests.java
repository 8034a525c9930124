package dev.tarnish.spring.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ParentPropertiesTests {

    @Test
    void sourcesAboveTheSystemPropertiesShouldWinInTheWorkerAsInTheParent() {
        StandardEnvironment parent = new StandardEnvironment();
        parent.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of("a", "args", "b", "args")));
        parent.getPropertySources().addFirst(new MapPropertySource("Inlined Test Properties", Map.of("a", "test")));
        parent.getPropertySources().addLast(new MapPropertySource("Config resource 'application.properties'",
                Map.of("c", "file")));
        parent.getPropertySources().addLast(new MapPropertySource("defaultProperties", Map.of("d", "default")));
        Map<String, String> variables = ParentProperties.capture(parent);

        StandardEnvironment worker = new StandardEnvironment();
        worker.getPropertySources().addLast(new MapPropertySource("Config resource 'application-tarnish-worker.properties'",
                Map.of("c", "worker file", "d", "worker file")));
        ParentProperties.restore(worker, variables);
        assertThat(worker.getProperty("a")).isEqualTo("test");
        assertThat(worker.getProperty("b")).isEqualTo("args");
        // Configuration files are the worker's own, and win over default properties as in the parent.
        assertThat(worker.getProperty("c")).isEqualTo("worker file");
        assertThat(worker.getProperty("d")).isEqualTo("worker file");
        // Merged into Spring Boot's own default properties, which its configuration data keeps last.
        assertThat(worker.getPropertySources().get("defaultProperties").getProperty("d")).isEqualTo("default");
    }

    @Test
    void systemPropertiesSetWhileRunningShouldReachTheWorkersEnvironmentButNotReplaceItsOwn() {
        String key = "tarnish.test.runtime-" + System.nanoTime();
        System.setProperty(key, "set at run time");
        try {
            Map<String, String> variables = ParentProperties.capture(new StandardEnvironment());
            assertThat(variables.get(ParentProperties.SYSTEM_VARIABLE)).contains(key).doesNotContain("java.home");
            System.clearProperty(key);
            StandardEnvironment worker = new StandardEnvironment();
            ParentProperties.restore(worker, variables);
            assertThat(worker.getProperty(key)).isEqualTo("set at run time");
            assertThat(System.getProperty(key)).isNull();
        }
        finally {
            System.clearProperty(key);
        }
    }

    @Test
    void withoutParentPropertiesTheWorkersEnvironmentShouldStayAsItIs() {
        StandardEnvironment worker = new StandardEnvironment();
        int before = worker.getPropertySources().size();
        ParentProperties.restore(worker, Map.of());
        assertThat(worker.getPropertySources().size()).isEqualTo(before);
    }

    @Test
    void propertiesTooLargeForTheEnvironmentShouldFailNamingThem() {
        Map<String, Object> huge = new HashMap<>();
        huge.put("big", "x".repeat(ParentProperties.MAX_VARIABLE_LENGTH));
        StandardEnvironment parent = new StandardEnvironment();
        parent.getPropertySources().addFirst(new MapPropertySource("Inlined Test Properties", huge));
        assertThatIllegalStateException().isThrownBy(() -> ParentProperties.capture(parent))
            .withMessageContaining("command-line and test properties");
    }

    @Test
    void runTimeSystemPropertiesTooLargeForTheEnvironmentShouldBeLeftOutNotFail() {
        String key = "tarnish.test.huge-" + System.nanoTime();
        System.setProperty(key, "x".repeat(ParentProperties.MAX_VARIABLE_LENGTH));
        try {
            assertThat(ParentProperties.capture(new StandardEnvironment())).doesNotContainKey(ParentProperties.SYSTEM_VARIABLE);
        }
        finally {
            System.clearProperty(key);
        }
    }

    @Test
    void aTestRunnersOwnSystemPropertiesShouldNotBeHandedOver() {
        System.setProperty("surefire.test.class.path.fake", "a:b:c");
        try {
            assertThat(ParentProperties.capture(new StandardEnvironment()).getOrDefault(ParentProperties.SYSTEM_VARIABLE, ""))
                .doesNotContain("surefire.test.class.path.fake");
        }
        finally {
            System.clearProperty("surefire.test.class.path.fake");
        }
    }
}
