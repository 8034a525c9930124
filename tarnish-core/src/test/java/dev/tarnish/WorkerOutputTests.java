package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * A {@link WorkerOutput} set on the builder gets what real workers print, with the task's name, the
 * worker's pid and the stream, while crash reports keep their tail of stderr as before.
 */
@Timeout(120)
class WorkerOutputTests {

    @Test
    void whenAWorkerPrintsShouldTheOutputGetEachLineAndTheCrashReportItsTail() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (SupervisedProcess<CrashingTask> process = Tarnish.process(CrashingTask.class).name("printing")
            .settings(Workers.testSettings().poisonThreshold(0).build())
            .output((taskName, pid, source, line) -> lines.add(taskName + " " + pid + " " + source + " " + line))
            .build()) {
            long pid = Long.parseLong(process.call("pid"));
            process.call("stderr:a line on stderr");
            process.call("stdout-garbage:x");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines)
                .contains("printing " + pid + " STDERR a line on stderr", "printing " + pid + " STDOUT plain println noise"));
            process.call("stderr:last words");
            CrashReport report = catchCrash(process);
            assertThat(report.stderrTail()).contains("a line on stderr", "last words");
        }
        Workers.awaitNoChildProcesses();
    }

    /**
     * A worker that dies before it is ready is killed and reported while its output is still being
     * read: the kill must not close its pipes under the drain. The output here holds the drain on the
     * first line until the crash is reported, so that the rest of the lines, written before the exit
     * and kept by the JDK, are read only after the kill; closing the pipes lost them.
     */
    @Test
    void whenAWorkerDiesAtStartUpShouldTheOutputStillGetEveryLineItPrinted() throws InterruptedException {
        int count = 4000;
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(1);
        WorkerOutput held = (taskName, pid, source, line) -> {
            if (lines.isEmpty()) {
                try {
                    reported.await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            lines.add(line);
        };
        try (SupervisedProcess<CrashingTask> process = Tarnish.process(CrashingTask.class).name("dying")
            .settings(Workers.testSettings().workers(1).restartBackoff(Duration.ofHours(1)).build())
            .launch((options) -> List.of("sh", "-c", "i=1; while [ $i -le " + count + " ]; do echo l$i; i=$((i+1)); done"))
            .output(held)
            .listener(new TarnishListener() {
                @Override
                public void workerCrashed(CrashReport report) {
                    reported.countDown();
                }
            })
            .build()) {
            assertThat(reported.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.status().lastCrash().cause()).isEqualTo(CrashCause.STARTUP_FAILURE);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines).hasSize(count));
            assertThat(lines).startsWith("l1").endsWith("l" + count);
        }
        Workers.awaitNoChildProcesses();
    }

    private static CrashReport catchCrash(SupervisedProcess<CrashingTask> process) {
        try {
            process.call("exit:5");
        }
        catch (WorkerCrashedException ex) {
            return ex.getReport();
        }
        throw new AssertionError("the worker did not crash");
    }
}
