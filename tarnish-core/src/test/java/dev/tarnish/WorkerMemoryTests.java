package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * A worker that leaks native memory is recycled by its resident size, gracefully and without a crash;
 * without a heap chosen, workers share the memory the JVM sees instead of a quarter each.
 */
@Timeout(120)
class WorkerMemoryTests {

    @Test
    void whenAWorkerHoldsMoreThanMaxWorkerMemoryAfterACallShouldRecycleIt() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings()
            .maxWorkerMemory(200L << 20).build())) {
            long small = Long.parseLong(process.call("leak:1"));
            assertThat(Long.parseLong(process.call("pid"))).as("below the limit: kept").isEqualTo(small);
            long leaky = Long.parseLong(process.call("leak:300"));
            assertThat(leaky).isEqualTo(small);
            // Replaced as a recycled worker is: it serves until its replacement is ready, then stops.
            await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(process.call("pid")) != leaky);
            await().atMost(Duration.ofSeconds(30)).until(() -> !Workers.isAlive(leaky));
            TaskStatus status = process.status();
            assertThat(status.crashes()).isZero();
            assertThat(status.failures()).isZero();
            assertThat(status.restarts()).isEqualTo(1);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void withoutAHeapChosenThreeWorkersShouldEachGetAnEighthOfTheMemory() {
        TaskSettings settings = TaskSettings.builder().workers(3).jvmArgs(List.of("-XX:+UseSerialGC"))
            .shutdownTimeout(Duration.ofSeconds(2)).build();
        long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
            long maxHeap = Long.parseLong(process.call("max-heap"));
            // 50 / (3 + 1) = 12.5 % of what the JVM sees; the JVM rounds the heap to its own alignment.
            assertThat(maxHeap).isBetween((long) (memory * 0.10), (long) (memory * 0.13));
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenWorkersRunUnderAContainersMemoryLimitTheirHeapsShouldShareThatLimit() {
        Optional<ChildMemoryCgroup> made = ChildMemoryCgroup.create(1L << 30);
        assumeTrue(made.isPresent(), "needs root and a writable memory cgroup (v1 or v2) to make a limit");
        try (ChildMemoryCgroup cgroup = made.get()) {
            TaskSettings settings = TaskSettings.builder().workers(3).commandPrefix(cgroup.commandPrefix())
                .shutdownTimeout(Duration.ofSeconds(2)).build();
            try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
                long maxHeap = Long.parseLong(process.call("max-heap"));
                // 50 / (3 + 1) = 12.5 % of the 1 GiB limit, not of the machine's memory.
                assertThat(maxHeap).isBetween(100L << 20, 135L << 20);
            }
            Workers.awaitNoChildProcesses();
        }
    }

    @Test
    void whenTheKernelKillsAWorkerForItsContainersMemoryShouldSaySo() {
        Optional<ChildMemoryCgroup> made = ChildMemoryCgroup.create(192L << 20);
        assumeTrue(made.isPresent(), "needs root and a writable memory cgroup (v1 or v2) to make a limit");
        try (ChildMemoryCgroup cgroup = made.get()) {
            TaskSettings settings = Workers.testSettings().commandPrefix(cgroup.commandPrefix()).build();
            try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
                WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                        () -> process.call("leak:400"));
                CrashReport report = crash.getReport();
                assertThat(report.signal()).isEqualTo("SIGKILL");
                assertThat(report.cause()).isEqualTo(CrashCause.OUT_OF_MEMORY);
                assertThat(report.detail()).contains("out-of-memory killer");
            }
            Workers.awaitNoChildProcesses();
        }
    }
}
