package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * Many callers on few workers, recycling, restarts, and workers killed at random under load.
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
            for (int i = 0; i < 7; i++) {
                pids.add(process.call("pid"));
            }
            assertThat(pids.subList(0, 3)).containsOnly(pids.get(0));
            assertThat(pids.subList(3, 6)).containsOnly(pids.get(3));
            assertThat(pids.get(3)).isNotEqualTo(pids.get(0));
            assertThat(pids.get(6)).isNotEqualTo(pids.get(3));
            assertThat(process.status().crashes()).isZero();
            await().until(() -> process.status().restarts() >= 2);
            await().until(() -> !Workers.isAlive(Long.parseLong(pids.get(0))));
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
            assertThat(before).noneMatch(Workers::isAlive);
            assertThat(process.status().crashes()).isZero();
            assertThat((String) process.call("echo:after restart")).isEqualTo("after restart");
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenRandomWorkersAreKilledUnderLoadShouldEndEveryCallWithValueOrTypedError() throws Exception {
        int callers = 4;
        int callsPerCaller = 60;
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(2)
            .restartBackoff(Duration.ofMillis(20)).build())) {
            Workers.awaitIdle(process, 2);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger kills = new AtomicInteger();
            Thread killer = new Thread(() -> {
                while (running.get()) {
                    List<WorkerStatus> workers = process.status().workers();
                    if (!workers.isEmpty()) {
                        long pid = workers.get(ThreadLocalRandom.current().nextInt(workers.size())).pid();
                        if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                            kills.incrementAndGet();
                        }
                    }
                    try {
                        Thread.sleep(150);
                    }
                    catch (InterruptedException ex) {
                        return;
                    }
                }
            });
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<?>> done = new ArrayList<>();
            killer.start();
            try {
                for (int c = 0; c < callers; c++) {
                    done.add(pool.submit((Callable<Void>) () -> {
                        for (int i = 0; i < callsPerCaller; i++) {
                            String key;
                            try {
                                String value = process.call("echo:" + i);
                                assertThat(value).isEqualTo(Integer.toString(i));
                                key = "ok";
                            }
                            catch (TarnishException ex) {
                                key = ex.getClass().getSimpleName();
                            }
                            outcomes.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            }
            finally {
                running.set(false);
                killer.join();
                pool.shutdownNow();
            }
            int total = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(total).isEqualTo(callers * callsPerCaller);
            assertThat(outcomes.keySet()).allMatch((key) -> key.equals("ok") || key.equals("WorkerCrashedException")
                    || key.equals("WorkerUnavailableException"));
            assertThat(outcomes.get("ok")).isNotNull();
            assertThat(kills.get()).isPositive();
            // After the chaos the pool serves again.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat((String) process.call("echo:calm")).isEqualTo("calm"));
        }
        Workers.awaitNoChildProcesses();
    }
}
