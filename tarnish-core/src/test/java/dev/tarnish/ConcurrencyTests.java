package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * Many callers on few workers, recycling and restarts. Random kills under load: {@link ChaosTests}.
 */
@Timeout(180)
class ConcurrencyTests {

    @Test
    void whenEightCallersShareTwoWorkersShouldServeEveryCallOnBothWorkers() throws Exception {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(2).build())) {
            Workers.awaitIdle(process, 2);
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    int n = i;
                    results.add(callers.submit(() -> {
                        String echoed = process.call("echo:" + n);
                        assertThat(echoed).isEqualTo(Integer.toString(n));
                        return process.call("sleep:5");
                    }));
                }
                Set<String> pids = new HashSet<>();
                for (Future<String> result : results) {
                    pids.add(result.get());
                }
                assertThat(pids).hasSize(2);
            }
            finally {
                callers.shutdownNow();
            }
            assertThat(process.status().calls()).isEqualTo(160);
            List<CompletableFuture<String>> async = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                async.add(process.callAsync("echo:a" + i));
            }
            for (int i = 0; i < 10; i++) {
                assertThat(async.get(i).get()).isEqualTo("a" + i);
            }
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenMaxCallsPerWorkerReachedShouldRecycleTheWorkerGracefully() {
        TaskSettings settings = Workers.testSettings().maxCallsPerWorker(3).build();
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
            List<String> pids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pids.add(process.call("pid"));
            }
            assertThat(pids).containsOnly(pids.get(0));
            long first = Long.parseLong(pids.get(0));
            // The replacement starts after the third call; the old worker serves until it is ready.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                TaskStatus status = process.status();
                return status.workers().size() == 1 && status.workers().get(0).pid() != first
                        && status.countWorkers(WorkerState.IDLE) == 1;
            });
            assertThat((String) process.call("pid")).isNotEqualTo(pids.get(0));
            await().until(() -> !Workers.isAlive(first));
            assertThat(process.status().crashes()).isZero();
            assertThat(process.status().restarts()).isEqualTo(1);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenRestartedShouldReplaceEveryWorkerWithoutCrashes() {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(2).build())) {
            Workers.awaitIdle(process, 2);
            Set<Long> before = new HashSet<>(process.status().workers().stream().map(WorkerStatus::pid).toList());
            process.restart();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                TaskStatus status = process.status();
                return status.countWorkers(WorkerState.IDLE) == 2
                        && status.workers().stream().noneMatch((w) -> before.contains(w.pid()));
            });
            await().until(() -> before.stream().noneMatch(Workers::isAlive));
            assertThat(process.status().crashes()).isZero();
            assertThat((String) process.call("echo:after restart")).isEqualTo("after restart");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenStandbyIsConfiguredShouldServeTheCallAfterACrashFromTheWarmSpare() throws Exception {
        TaskSettings settings = Workers.testSettings().workers(1).standby(1).build();
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
            Workers.awaitIdle(process, 2);
            Set<Long> started = new HashSet<>(process.status().workers().stream().map(WorkerStatus::pid).toList());
            // workers=1: the spare adds no concurrency, the two calls run one after the other.
            CompletableFuture<String> first = process.callAsync("span:200");
            CompletableFuture<String> second = process.callAsync("span:200");
            long[] a = Arrays.stream(first.get().split("-")).mapToLong(Long::parseLong).toArray();
            long[] b = Arrays.stream(second.get().split("-")).mapToLong(Long::parseLong).toArray();
            assertThat(a[1] <= b[0] || b[1] <= a[0]).as("calls ran at %s and %s", first.get(), second.get()).isTrue();
            WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                    () -> process.call("exit:1"));
            long next = Long.parseLong(process.call("pid"));
            assertThat(next).isNotEqualTo(crash.getReport().pid());
            // Served by the worker that was already started before the crash: no start-up to wait for.
            assertThat(started).contains(next);
            Workers.awaitIdle(process, 2);
        }
        Workers.awaitNoChildProcesses();
    }
}
