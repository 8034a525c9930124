package dev.tarnish.bench.process;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.tarnish.bench.peer.Jvm;
import dev.tarnish.bench.tasks.EchoCall;
import dev.tarnish.bench.tasks.SegfaultTask;
import dyorgio.runtime.out.process.OutProcessExecutorService;
import net.viktorc.pp4j.impl.ProcessExecutors;

/**
 * What a segfault in the task does to a library a user might pick instead: how the crashing call
 * ends and after how long, and whether the next call is served. Every wait is bounded, so a library
 * that never answers costs the harness the bound and no more; its processes are killed afterwards.
 *
 * @param library the library
 * @param crashingCall how the crashing call ended
 * @param crashingMillis how long it took to end, or the bound
 * @param nextCall how the next call ended
 * @param nextMillis how long it took, or the bound
 * @param note what else was seen (worker processes before and after)
 */
public record LibraryCrash(String library, String crashingCall, double crashingMillis, String nextCall,
        double nextMillis, String note) {

    /**
     * Runs the scenario on pp4j's JavaProcessPoolExecutor with one process.
     * @param boundSeconds the longest wait for one call
     * @return what happened
     */
    public static LibraryCrash pp4j(long boundSeconds) {
        return run("pp4j 2.2 JavaProcessPoolExecutor (1 process)",
                () -> ProcessExecutors.newFixedJavaProcessPool(1), boundSeconds);
    }

    /**
     * Runs the scenario on out-process's OutProcessExecutorService.
     * @param boundSeconds the longest wait for one call
     * @return what happened
     */
    public static LibraryCrash outProcess(long boundSeconds) {
        return run("out-process 1.2.7 OutProcessExecutorService", OutProcessExecutorService::new, boundSeconds);
    }

    private static LibraryCrash run(String library, Factory factory, long boundSeconds) {
        List<Long> childrenBefore = children();
        ExecutorService executor;
        try {
            executor = factory.create();
        }
        catch (Exception ex) {
            return new LibraryCrash(library, "could not start: " + ex, Double.NaN, "-", Double.NaN, "");
        }
        try {
            Outcome warm = call(executor, "warm-up", boundSeconds);
            List<Long> workers = newChildren(childrenBefore);
            long start = System.nanoTime();
            Outcome crash = call(executor, SegfaultTask.SEGFAULT, boundSeconds);
            double crashMillis = (System.nanoTime() - start) / 1e6;
            long nextStart = System.nanoTime();
            Outcome next = call(executor, "after", boundSeconds);
            double nextMillis = (System.nanoTime() - nextStart) / 1e6;
            List<Long> workersAfter = newChildren(childrenBefore);
            String note = "warm-up call: " + warm.text + "; worker JVMs before the crash " + workers + ", after "
                    + workersAfter;
            return new LibraryCrash(library, crash.text, crashMillis, next.text, nextMillis, note);
        }
        finally {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            // Whatever the library left running.
            newChildren(childrenBefore).forEach((pid) -> ProcessHandle.of(pid).ifPresent(Jvm::killTree));
        }
    }

    private static Outcome call(ExecutorService executor, String input, long boundSeconds) {
        Future<Serializable> future;
        try {
            future = executor.submit(new EchoCall(input));
        }
        catch (RuntimeException ex) {
            return new Outcome("submit threw " + describe(ex));
        }
        try {
            Serializable result = future.get(boundSeconds, TimeUnit.SECONDS);
            return new Outcome("returned \"" + result + "\"");
        }
        catch (ExecutionException ex) {
            return new Outcome("failed: " + describe(ex.getCause()));
        }
        catch (TimeoutException ex) {
            future.cancel(true);
            return new Outcome("no answer within " + boundSeconds + " s (harness gave up)");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Outcome("interrupted");
        }
    }

    private static String describe(Throwable ex) {
        if (ex == null) {
            return "null";
        }
        String message = String.valueOf(ex.getMessage()).replaceAll("\\s+", " ");
        if (message.length() > 160) {
            message = message.substring(0, 160) + "...";
        }
        return ex.getClass().getName() + ": " + message;
    }

    private static List<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toList());
    }

    private static List<Long> newChildren(List<Long> before) {
        List<Long> now = new ArrayList<>(children());
        now.removeAll(before);
        return now.stream().filter((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .collect(Collectors.toList());
    }

    private record Outcome(String text) {
    }

    @FunctionalInterface
    private interface Factory {

        ExecutorService create() throws Exception;
    }
}
