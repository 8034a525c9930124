package dev.tarnish;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.tarnish.tasks.CrashingTask;

/**
 * Helpers for tests that run real worker processes.
 */
final class Workers {

    private Workers() {
    }

    /** Settings for tests: a small heap, a short grace on close. */
    static TaskSettings.Builder testSettings() {
        return TaskSettings.builder().jvmArgs(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
            .shutdownTimeout(Duration.ofSeconds(2));
    }

    static SupervisedProcess<CrashingTask> crashing(TaskSettings settings) {
        return Tarnish.process(CrashingTask.class).name("crashing").settings(settings).build();
    }

    /** Waits until the pool has {@code count} ready workers. */
    static void awaitIdle(SupervisedProcess<?> process, int count) {
        await().atMost(Duration.ofSeconds(60))
            .until(() -> process.status().countWorkers(WorkerState.IDLE) == count);
    }

    /** Waits until no child process of this JVM is alive: no worker may outlive its pool. */
    static void awaitNoChildProcesses() {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive));
    }

    /**
     * Tells whether a process is still running. A zombie (state Z: dead, not yet reaped by whoever
     * inherited it) counts as gone, since {@link ProcessHandle#isAlive()} counts it as alive.
     */
    static boolean isAlive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        }
        catch (java.io.IOException ex) {
            return false;
        }
    }
}
