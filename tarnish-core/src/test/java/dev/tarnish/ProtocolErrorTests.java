package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;
import dev.tarnish.tasks.GarbageWorkerMain;

/**
 * A worker that answers with garbage is killed and reported, never trusted: no huge allocation, no
 * hang, a typed error.
 */
@Timeout(120)
class ProtocolErrorTests {

    @ParameterizedTest
    @ValueSource(strings = { "oversized", "negative-length", "unknown-type", "bad-failure", "hello-again" })
    void whenWorkerRepliesWithGarbageShouldKillItAndReportProtocolError(String mode) {
        try (SupervisedProcess<CrashingTask> process = garbageWorker(mode, 1)) {
            WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                    () -> process.call("echo:x"));
            assertThat(crash.getReport().cause()).isEqualTo(CrashCause.PROTOCOL_ERROR);
            assertThat(crash.getReport().detail()).isNotBlank();
            assertThat(Workers.isAlive(crash.getReport().pid())).isFalse();
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenConnectionPresentsWrongTokenShouldRefuseTheWorker() {
        try (SupervisedProcess<CrashingTask> process = garbageWorker("bad-token", 10)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> process.status().lastCrash() != null);
            CrashReport report = process.status().lastCrash();
            assertThat(report.cause()).isEqualTo(CrashCause.STARTUP_FAILURE);
            assertThat(report.detail()).contains("token");
            assertThat(process.status().countWorkers(WorkerState.IDLE)).isZero();
        }
        Workers.awaitNoChildProcesses();
    }

    private static SupervisedProcess<CrashingTask> garbageWorker(String mode, int crashLoopThreshold) {
        return Tarnish.process(CrashingTask.class)
            .settings(Workers.testSettings().crashLoopThreshold(crashLoopThreshold).restartBackoff(Duration.ofSeconds(5))
                .build())
            .launch(WorkerLaunch.mainClass(GarbageWorkerMain.class.getName(), List.of(mode)))
            .build();
    }
}
