package dev.tarnish.bench.process;

import java.util.ArrayList;
import java.util.List;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.bench.harness.Contestants;
import dev.tarnish.bench.tasks.SegfaultTask;

/**
 * Crash to next call served, with tarnish: a call whose task segfaults the worker, then an ordinary
 * call, which waits for the replacement worker. Beside it, a steady-state call of the same process.
 *
 * @param steadyCall latency of an ordinary call (each value one call)
 * @param crashReported from the crashing call's start to its {@code WorkerCrashedException}
 * @param nextServed from the crashing call's start to the next call's result
 * @param crashSummary how the last crash was reported
 */
public record CrashFigures(Durations steadyCall, Durations crashReported, Durations nextServed, String crashSummary) {

    /**
     * Measures.
     * @param rounds how many crashes
     * @param steadyCalls how many ordinary calls to time (after as many to warm up)
     * @return the figures
     */
    public static CrashFigures measure(int rounds, int steadyCalls) {
        List<Long> steady = new ArrayList<>();
        List<Long> reported = new ArrayList<>();
        List<Long> served = new ArrayList<>();
        String summary = "";
        try (SupervisedProcess<?> process = Contestants.startTarnish(SegfaultTask.class, 1, "crash")) {
            for (int i = 0; i < 2 * steadyCalls; i++) {
                long start = System.nanoTime();
                process.call("echo");
                if (i >= steadyCalls) {
                    steady.add(System.nanoTime() - start);
                }
            }
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                try {
                    process.call(SegfaultTask.SEGFAULT);
                    throw new IllegalStateException("The segfault call returned");
                }
                catch (WorkerCrashedException ex) {
                    reported.add(System.nanoTime() - start);
                    summary = ex.getClass().getSimpleName() + ": cause " + ex.getReport().cause() + ", exit "
                            + ex.getReport().exitCode() + ", signal " + ex.getReport().signal() + "; "
                            + firstLine(ex.getReport().fatalError());
                }
                Object reply = process.call("after");
                served.add(System.nanoTime() - start);
                if (!"after".equals(reply)) {
                    throw new IllegalStateException("Unexpected reply " + reply);
                }
            }
        }
        return new CrashFigures(new Durations(steady), new Durations(reported), new Durations(served), summary);
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
