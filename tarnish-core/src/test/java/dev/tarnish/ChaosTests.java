package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * Chaos: callers hammer a pool while a killer SIGKILLs random workers and some calls crash on
 * purpose. Every call must end with its value or a typed {@link TarnishException}, none may hang,
 * and the counts must add up. Quick by default; {@code -Preliability} runs 10,000 calls
 * ({@code tarnish.chaos.calls}).
 */
@Timeout(1800)
class ChaosTests {

    private static final int CALLS = Integer.getInteger("tarnish.chaos.calls", 600);

    private static final int CALLERS = Integer.getInteger("tarnish.chaos.callers", 6);

    private static final int KILL_EVERY_MILLIS = Integer.getInteger("tarnish.chaos.kill-every-ms", 40);

    @Test
    void whenWorkersAreKilledAndCrashAtRandomShouldEndEveryCallTypedAndAddUp() throws Exception {
        TaskSettings settings = Workers.testSettings().workers(3).restartBackoff(Duration.ofMillis(10))
            .maxRestartBackoff(Duration.ofMillis(200)).crashLoopThreshold(1000).callTimeout(Duration.ofSeconds(20))
            // "halt:3" crashes a worker on purpose every 50 calls: no poison quarantine, which would refuse it.
            .poisonThreshold(0)
            .build();
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(settings)) {
            Workers.awaitIdle(process, 3);
            AtomicInteger next = new AtomicInteger();
            Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
            AtomicLong longestNanos = new AtomicLong();
            AtomicBoolean chaos = new AtomicBoolean(true);
            AtomicInteger kills = new AtomicInteger();
            Thread killer = new Thread(() -> killRandomWorkers(process, chaos, kills), "chaos-killer");
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            long began = System.nanoTime();
            killer.start();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CALLERS; c++) {
                    done.add(callers.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < CALLS) {
                            long callStart = System.nanoTime();
                            String outcome = callOnce(process, i);
                            outcomes.computeIfAbsent(outcome, (k) -> new LongAdder()).increment();
                            longestNanos.accumulateAndGet(System.nanoTime() - callStart, Math::max);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            }
            finally {
                chaos.set(false);
                killer.join();
                callers.shutdownNow();
            }
            Map<String, Long> counts = new TreeMap<>();
            outcomes.forEach((key, adder) -> counts.put(key, adder.sum()));
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            TaskStatus status = process.status();
            System.out.printf("Chaos: %d calls by %d callers, %d workers killed from outside; outcomes %s; "
                    + "pool counted calls=%d failures=%d crashes=%d timeouts=%d rejected=%d restarts=%d; "
                    + "longest call %d ms; %d ms in all%n", CALLS, CALLERS, kills.get(), counts, status.calls(),
                    status.failures(), status.crashes(), status.timeouts(), status.rejected(), status.restarts(),
                    Duration.ofNanos(longestNanos.get()).toMillis(),
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
            assertThat(total).isEqualTo(CALLS);
            assertThat(counts.keySet()).allMatch((key) -> key.equals("ok") || key.endsWith("Exception"));
            assertThat(counts).doesNotContainKey("UnexpectedException");
            assertThat(status.calls()).isEqualTo(CALLS);
            assertThat(counts.getOrDefault("ok", 0L)).isPositive();
            assertThat(counts.getOrDefault("TaskFailedException", 0L)).isEqualTo(status.failures());
            assertThat(kills.get()).isPositive();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(
                    () -> assertThat((String) process.call("echo:calm")).isEqualTo("calm"));
        }
        Workers.awaitNoChildProcesses();
    }

    /** One call: mostly echoes, some task failures, some deliberate crashes. */
    private static String callOnce(SupervisedProcess<CrashingTask> process, int i) {
        String command = (i % 50 == 7) ? "halt:3" : (i % 20 == 3) ? "throw:" + i : "echo:" + i;
        try {
            String value = process.call(command);
            if (!value.equals(Integer.toString(i))) {
                return "WrongValueException";
            }
            return "ok";
        }
        catch (TarnishException ex) {
            return ex.getClass().getSimpleName();
        }
        catch (RuntimeException ex) {
            return "UnexpectedException";
        }
    }

    private static void killRandomWorkers(SupervisedProcess<CrashingTask> process, AtomicBoolean chaos,
            AtomicInteger kills) {
        while (chaos.get()) {
            // Serving workers only: killing every worker while it starts would just open the breaker.
            List<WorkerStatus> workers = process.status().workers().stream()
                .filter((worker) -> worker.state() == WorkerState.IDLE || worker.state() == WorkerState.BUSY)
                .toList();
            if (!workers.isEmpty()) {
                long pid = workers.get(ThreadLocalRandom.current().nextInt(workers.size())).pid();
                ProcessHandle.of(pid).ifPresent((handle) -> {
                    if (handle.destroyForcibly()) {
                        kills.incrementAndGet();
                    }
                });
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(KILL_EVERY_MILLIS / 2, KILL_EVERY_MILLIS * 2));
            }
            catch (InterruptedException ex) {
                return;
            }
        }
    }
}
