package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkerLaunchTests {

    @Test
    void environmentShouldBeEmptyByDefault() {
        WorkerLaunch launch = (options) -> List.of("java");
        assertThat(launch.environment()).isEmpty();
    }

    @Test
    void withEnvironmentShouldKeepTheCommandAndAddToEarlierVariables() {
        WorkerLaunch launch = ((WorkerLaunch) (options) -> List.of("java", String.join(" ", options)))
            .withEnvironment(Map.of("A", "1", "B", "2"))
            .withEnvironment(Map.of("B", "3"));
        assertThat(launch.command(List.of("-Xmx64m"))).containsExactly("java", "-Xmx64m");
        assertThat(launch.environment()).containsOnly(Map.entry("A", "1"), Map.entry("B", "3"));
    }
}
