package dev.tarnish.tasks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;

/**
 * A parent process for the parent-death test: three workers, one idle, one busy in a Java loop and
 * one stuck in a native call; it prints their pids and waits to be killed.
 */
public final class OrphanCheckParent {

    private OrphanCheckParent() {
    }

    public static void main(String[] args) throws Exception {
        SupervisedProcess<CrashingTask> process = Tarnish.process(CrashingTask.class)
            .settings(TaskSettings.builder().workers(3).jvmArgs(List.of("-Xmx64m")).build())
            .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (process.status().countWorkers(WorkerState.IDLE) < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        process.callAsync("spin");
        process.callAsync("native-hang");
        while (process.status().countWorkers(WorkerState.BUSY) < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<Long> pids = process.status().workers().stream().map(WorkerStatus::pid).toList();
        System.out.println("WORKERS " + pids.toString().replaceAll("[\\[\\] ]", ""));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
