package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * Idle workers are asked to answer once per health-check interval: a worker stopped with SIGSTOP is
 * killed and replaced before a call is sent to it, and healthy workers are not disturbed.
 */
@Timeout(120)
class HealthCheckTests {

    @Test
    void whenAnIdleWorkerIsStoppedShouldKillAndReplaceItAsUnresponsive() throws Exception {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings()
            .healthCheckInterval(Duration.ofMillis(300)).build())) {
            long frozen = Long.parseLong(process.call("pid"));
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).start();
            assertThat(stop.waitFor()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> process.status().lastCrash() != null);
            CrashReport report = process.status().lastCrash();
            assertThat(report.cause()).isEqualTo(CrashCause.UNRESPONSIVE);
            assertThat(report.pid()).isEqualTo(frozen);
            assertThat(report.detail()).contains("health check");
            await().atMost(Duration.ofSeconds(10)).until(() -> !Workers.isAlive(frozen));
            assertThat(Long.parseLong(process.call("pid"))).isNotEqualTo(frozen);
            assertThat(process.status().crashes()).isEqualTo(1);
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenWorkersAnswerShouldKeepThemServing() {
        // Calls may not wait at all: one that comes while a worker is being checked must still be served.
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(2)
            .healthCheckInterval(Duration.ofMillis(50)).acquireTimeout(Duration.ZERO).build())) {
            Workers.awaitIdle(process, 2);
            long first = Long.parseLong(process.call("pid"));
            // Dozens of checks pass while calls keep coming; none kills a worker or fails a call.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                process.call("echo:still here");
                return process.status().crashes() == 0 && Workers.isAlive(first);
            });
            assertThat(process.status().failures()).isZero();
            assertThat(process.status().rejected()).isZero();
            assertThat(process.status().restarts()).isZero();
        }
        Workers.awaitNoChildProcesses();
    }
}
