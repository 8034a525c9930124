package dev.tarnish.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkerJvmOptionsTests {

    @Test
    void leanDefaultsShouldStartTheHeapSmallAndLetItGrowAsTheJvmWould() {
        List<String> lean = WorkerJvmOptions.leanDefaults(List.of("-Xmx64m"));
        assertThat(lean).contains("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xms16m", "-XX:MetaspaceSize=64m",
                "-XX:+UseSerialGC", "-XX:NewRatio=1");
        // Tight free-heap ratios made a full collection of every few calls with megabytes of data.
        assertThat(lean).noneMatch((option) -> option.contains("HeapFreeRatio"));
    }

    @Test
    void leanYoungGenerationShouldGiveWayToTheTasksOwnSizeAndToAnotherCollector() {
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-Xmn32m"))).contains("-XX:+UseSerialGC")
            .doesNotContain("-XX:NewRatio=1");
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-XX:NewRatio=3"))).doesNotContain("-XX:NewRatio=1");
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-XX:MaxNewSize=64m"))).doesNotContain("-XX:NewRatio=1");
        // G1 sizes its young generation itself, and a fixed ratio would stop it.
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-XX:+UseG1GC"))).doesNotContain("-XX:NewRatio=1");
    }

    @Test
    void leanDefaultsShouldGiveWayToTheTasksOwnHeapChoices() {
        assertThat(WorkerJvmOptions.leanDefaults(List.of("-Xms256m", "-XX:MaxHeapFreeRatio=50", "-XX:+UseParallelGC",
                "-XX:MetaspaceSize=128m")))
            .doesNotContain("-Xms16m", "-XX:+UseSerialGC",
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
        List<String> options = WorkerJvmOptions.of(Path.of("/tmp/private"), true, List.of(), List.of("-Xms32m"),
                1);
        assertThat(options.get(options.size() - 1)).isEqualTo("-Xms32m");
        assertThat(options).first().asString().startsWith("-XX:ErrorFile=/tmp/private/");
    }

    @Test
    void withoutLeanDefaultsOnlyTarnishsOwnOptionsAndTheTasksShouldBeAdded() {
        assertThat(WorkerJvmOptions.of(Path.of("/tmp/private"), false, List.of(), List.of("-Xmx64m"), 1))
            .containsExactly("-XX:ErrorFile=/tmp/private/hs_err_pid%p.log", "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-CreateCoredumpOnCrash", "-Xmx64m");
    }

    @Test
    void withoutAHeapChoiceTheWorkersShouldShareHalfOfTheMemory() {
        assertThat(WorkerJvmOptions.heapShare(List.of(), 1)).containsExactly("-XX:MaxRAMPercentage=25.0");
        assertThat(WorkerJvmOptions.heapShare(List.of(), 3)).containsExactly("-XX:MaxRAMPercentage=12.5");
        assertThat(WorkerJvmOptions.heapShare(List.of(), 9)).containsExactly("-XX:MaxRAMPercentage=5.0");
        assertThat(WorkerJvmOptions.of(Path.of("/tmp/private"), false, List.of(), List.of(), 2))
            .contains("-XX:MaxRAMPercentage=16.6");
    }

    @Test
    void whenTheTaskChoosesAHeapTheShareShouldGiveWay() {
        for (String choice : List.of("-Xmx256m", "-XX:MaxHeapSize=268435456", "-XX:MaxRAMPercentage=40",
                "-XX:MaxRAM=2g")) {
            assertThat(WorkerJvmOptions.heapShare(List.of(choice), 4)).as(choice).isEmpty();
        }
    }
}
