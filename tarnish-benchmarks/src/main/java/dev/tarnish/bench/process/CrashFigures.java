package dev.tarnish.bench.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.WorkerState;
import dev.tarnish.bench.harness.Contestants;
import dev.tarnish.bench.tasks.SegfaultTask;

/**
 * Crash to next call served, with tarnish: a call whose task segfaults the worker, then an ordinary
 * call. Without a standby worker that call waits for the replacement worker to start; with one it
 * takes the warm spare. Beside it, a steady-state call of the same process.
 *
 * @param standby the pool's standby workers (beside its 1 worker)
 * @param steadyCall latency of an ordinary call (each value one call)
 * @param crashReported from the crashing call's start to its {@code WorkerCrashedException}
 * @param nextServed from the crashing call's start to the next call's result
 * @param nextCall the next call alone: from the {@code WorkerCrashedException} to its result
 * @param crashSummary how the last crash was reported
 */
public record CrashFigures(int standby, Durations steadyCall, Durations crashReported, Durations nextServed,
        Durations nextCall, String crashSummary) {

    /**
     * Measures.
     * @param standby standby workers beside the pool's 1 worker
     * @param rounds how many crashes
     * @param steadyCalls how many ordinary calls to time (after as many to warm up)
     * @return the figures
     */
    public static CrashFigures measure(int standby, int rounds, int steadyCalls) {
        List<Long> steady = new ArrayList<>();
        List<Long> reported = new ArrayList<>();
        List<Long> served = new ArrayList<>();
        List<Long> next = new ArrayList<>();
        String summary = "";
        // The same input crashes every round on purpose: no poison quarantine, which would refuse it.
        TaskSettings settings = TaskSettings.builder().workers(1).standby(standby).poisonThreshold(0).build();
        try (SupervisedProcess<?> process = Contestants.startTarnish(SegfaultTask.class, settings,
                "crash" + standby)) {
            for (int i = 0; i < 2 * steadyCalls; i++) {
                long start = System.nanoTime();
                process.call("echo");
                if (i >= steadyCalls) {
                    steady.add(System.nanoTime() - start);
                }
            }
            for (int round = 0; round < rounds; round++) {
                // Every crash meets a full pool: the spare used by the last round has been replaced.
                awaitIdle(process, 1 + standby);
                long start = System.nanoTime();
                long crashed = start;
                try {
                    process.call(SegfaultTask.SEGFAULT);
                    throw new IllegalStateException("The segfault call returned");
                }
                catch (WorkerCrashedException ex) {
                    crashed = System.nanoTime();
                    reported.add(crashed - start);
                    summary = ex.getClass().getSimpleName() + ": cause " + ex.getReport().cause() + ", exit "
                            + ex.getReport().exitCode() + ", signal " + ex.getReport().signal() + "; "
                            + firstLine(ex.getReport().fatalError());
                }
                Object reply = process.call("after");
                long end = System.nanoTime();
                served.add(end - start);
                next.add(end - crashed);
                if (!"after".equals(reply)) {
                    throw new IllegalStateException("Unexpected reply " + reply);
                }
            }
        }
        return new CrashFigures(standby, new Durations(steady), new Durations(reported), new Durations(served),
                new Durations(next), summary);
    }

    private static void awaitIdle(SupervisedProcess<?> process, int workers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (process.status().countWorkers(WorkerState.IDLE) < workers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Workers not idle again within 60 s: " + process.status());
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no fatal error summary";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0) ? trimmed : trimmed.substring(0, newline) + " ...";
    }
}
