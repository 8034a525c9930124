package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * Soak: many calls with regular crashes and recycles must not leak threads, file descriptors or heap
 * in the caller. Quick by default; {@code -Preliability} runs 100,000 calls with 1,000 crashes
 * ({@code tarnish.soak.calls}, {@code tarnish.soak.crash-every}).
 */
@Timeout(3600)
class SoakTests {

    private static final int CALLS = Integer.getInteger("tarnish.soak.calls", 1500);

    private static final int CRASH_EVERY = Integer.getInteger("tarnish.soak.crash-every", 100);

    private static final int THREAD_SLACK = 2;

    private static final int FD_SLACK = 4;

    @Test
    void whenManyCallsCrashesAndRecyclesShouldKeepThreadsDescriptorsAndHeapFlat() {
        Workers.awaitNoChildProcesses();
        Resources baseline = Resources.settled();
        // Recycled more often than crashed, so both ways of losing a worker are soaked.
        // The same input crashes a worker again and again on purpose: no poison quarantine, which would refuse it.
        TaskSettings settings = Workers.testSettings().workers(2).maxCallsPerWorker(CRASH_EVERY * 2 / 5)
            .poisonThreshold(0).build();
        long began = System.nanoTime();
        Resources steady;
        Resources afterSoak;
        long crashes;
        long restarts;
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
            Workers.awaitIdle(process, 2);
            for (int i = 0; i < 50; i++) {
                process.call("echo:" + i);
            }
            Workers.awaitIdle(process, 2);
            steady = Resources.settled();
            for (int i = 0; i < CALLS; i++) {
                if (i % CRASH_EVERY == CRASH_EVERY / 2) {
                    try {
                        process.call("exit:1");
                    }
                    catch (WorkerCrashedException expected) {
                        // One crash every CRASH_EVERY calls, on purpose.
                    }
                }
                else {
                    assertThat((String) process.call("echo:" + i)).isEqualTo(Integer.toString(i));
                }
            }
            Workers.awaitIdle(process, 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> Resources.now().threads() <= steady.threads() + THREAD_SLACK
                    && Resources.now().descriptors() <= steady.descriptors() + FD_SLACK);
            afterSoak = Resources.settled();
            crashes = process.status().crashes();
            restarts = process.status().restarts();
        }
        Workers.awaitNoChildProcesses();
        await().atMost(Duration.ofSeconds(60)).until(() -> Resources.now().threads() <= baseline.threads() + THREAD_SLACK
                && Resources.now().descriptors() <= baseline.descriptors() + FD_SLACK);
        Resources afterClose = Resources.settled();
        System.out.printf("Soak: %d calls, %d crashes, %d restarts in %d s%n  before pool: %s%n  steady:      %s%n"
                + "  after soak:  %s%n  after close: %s%n", CALLS, crashes, restarts,
                Duration.ofNanos(System.nanoTime() - began).toSeconds(), baseline, steady, afterSoak, afterClose);
        assertThat(crashes).isEqualTo(CALLS / CRASH_EVERY);
        assertThat(afterSoak.threads()).isLessThanOrEqualTo(steady.threads() + THREAD_SLACK);
        assertThat(afterSoak.descriptors()).isLessThanOrEqualTo(steady.descriptors() + FD_SLACK);
        assertThat(afterSoak.heapBytes()).isLessThanOrEqualTo(steady.heapBytes() + 16 * 1024 * 1024);
        assertThat(afterClose.threads()).isLessThanOrEqualTo(baseline.threads() + THREAD_SLACK);
        assertThat(afterClose.descriptors()).isLessThanOrEqualTo(baseline.descriptors() + FD_SLACK);
    }

    /** Threads, open file descriptors and used heap of this JVM. */
    record Resources(int threads, long descriptors, long heapBytes) {

        static Resources now() {
            return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), openDescriptors(), 0);
        }

        static Resources settled() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), openDescriptors(), heap);
        }

        private static long openDescriptors() {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.count();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public String toString() {
            return threads + " threads, " + descriptors + " open fds, " + (heapBytes / 1024) + " KiB heap used after GC";
        }
    }
}
