package dev.tarnish.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkerJvmOptionsTests {

    @Test
    void leanDefaultsShouldStartTheHeapSmallAndLetItShrink() {
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-Xmx64m"))).contains("-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-Xms16m", "-XX:MetaspaceSize=64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    }

    @Test
    void leanDefaultsShouldGiveWayToTheTasksOwnHeapChoices() {
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-Xms256m", "-XX:MaxHeapFreeRatio=50", "-XX:+UseParallelGC",
                "-XX:MetaspaceSize=128m")))
            .doesNotContain("-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+UseSerialGC",
                    "-XX:MetaspaceSize=64m");
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-XX:InitialHeapSize=64m"))).doesNotContain("-Xms16m");
    }

    @Test
    void leanInitialHeapShouldGiveWayToASmallerMaximumHeap() {
        // A JVM refuses to start with an initial heap above its maximum.
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-Xmx12m"))).doesNotContain("-Xms16m");
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-XX:MaxHeapSize=8388608"))).doesNotContain("-Xms16m");
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-Xmx1g"))).contains("-Xms16m");
        assertThat(WorkerJvmOptions.maxHeapBelow(16L << 20, List.of("-Xmx8m", "-Xmx2G"))).isFalse();
    }

    @Test
    void taskOptionsShouldComeLastSoThatTheyWin() {
        List<String> options = WorkerJvmOptions.of(Path.of("/tmp/private"), true, List.of(), List.of("-Xms32m"));
        assertThat(options.get(options.size() - 1)).isEqualTo("-Xms32m");
        assertThat(options).first().asString().startsWith("-XX:ErrorFile=/tmp/private/");
    }

    @Test
    void withoutLeanDefaultsOnlyTarnishsOwnOptionsAndTheTasksShouldBeAdded() {
        assertThat(WorkerJvmOptions.of(Path.of("/tmp/private"), false, List.of(), List.of("-Xmx64m")))
            .containsExactly("-XX:ErrorFile=/tmp/private/hs_err_pid%p.log", "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-CreateCoredumpOnCrash", "-Xmx64m");
    }
}
