package dev.tarnish.tasks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;

/**
 * A parent process for the parent-death tests; it prints its workers' pids and waits to be killed.
 * Without arguments: three workers, one idle, one busy in a Java loop and one stuck in a native call.
 * With {@code starting}: three workers that are still starting, before any tarnish code runs in them.
 */
public final class OrphanCheckParent {

    private OrphanCheckParent() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("starting")) {
            whileStarting();
            return;
        }
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
        printWorkersAndWait(process);
    }

    private static void whileStarting() throws Exception {
        SupervisedProcess<CrashingTask> process = Tarnish.process(CrashingTask.class)
            .settings(TaskSettings.builder().workers(3).startupTimeout(Duration.ofMinutes(5)).build())
            .launch(WorkerLaunch.mainClass(SlowStartWorkerMain.class.getName(), List.of()))
            .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (process.status().countWorkers(WorkerState.STARTING) < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        printWorkersAndWait(process);
    }

    private static void printWorkersAndWait(SupervisedProcess<?> process) throws InterruptedException {
        List<Long> pids = process.status().workers().stream().map(WorkerStatus::pid).toList();
        System.out.println("WORKERS " + pids.toString().replaceAll("[\\[\\] ]", ""));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
