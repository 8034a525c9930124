package dev.tarnish.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.TarnishListener;
import dev.tarnish.bench.peer.HelloMain;
import dev.tarnish.bench.peer.Jvm;
import dev.tarnish.bench.tasks.EchoStringTask;

/**
 * Worker start-up: from building a tarnish process to its first call served, and tarnish's own
 * spawn-to-ready figure, beside a bare hello-world JVM (spawn to its line read). Alternated round by
 * round.
 *
 * @param firstCall build to first call served
 * @param ready spawn to ready, as tarnish reports it to listeners
 * @param bareHello a bare JVM: spawn to its first line of output
 */
public record StartupFigures(Durations firstCall, Durations ready, Durations bareHello) {

    /**
     * Measures.
     * @param rounds how many of each
     * @return the figures
     * @throws Exception if something cannot be started
     */
    public static StartupFigures measure(int rounds) throws Exception {
        List<Long> firstCall = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                tarnish(firstCall, ready);
                bare.add(timeBareHello());
            }
            else {
                bare.add(timeBareHello());
                tarnish(firstCall, ready);
            }
        }
        return new StartupFigures(new Durations(firstCall), new Durations(ready), new Durations(bare));
    }

    private static void tarnish(List<Long> firstCall, List<Long> ready) {
        AtomicLong startup = new AtomicLong(-1);
        TarnishListener listener = new TarnishListener() {
            @Override
            public void workerStarted(String taskName, long pid, Duration duration, boolean replacement) {
                startup.compareAndSet(-1, duration.toNanos());
            }
        };
        long start = System.nanoTime();
        try (SupervisedProcess<EchoStringTask> process = Tarnish.process(EchoStringTask.class).name("startup")
            .listener(listener).build()) {
            String reply = process.call("first");
            firstCall.add(System.nanoTime() - start);
            if (!"first".equals(reply)) {
                throw new IllegalStateException("Unexpected reply " + reply);
            }
            // The listener is called right after the worker is handed to the pool; wait for it briefly.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (startup.get() < 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (startup.get() >= 0) {
                ready.add(startup.get());
            }
        }
    }

    static long timeBareHello() throws IOException, InterruptedException {
        return timeBareHello(Jvm.java());
    }

    static long timeBareHello(String java) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(Jvm.command(java, List.of(), HelloMain.class))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line = out.readLine();
            long elapsed = System.nanoTime() - start;
            if (!"hello".equals(line)) {
                throw new IOException("Unexpected output " + line);
            }
            process.waitFor(10, TimeUnit.SECONDS);
            return elapsed;
        }
        finally {
            process.destroyForcibly();
        }
    }
}
