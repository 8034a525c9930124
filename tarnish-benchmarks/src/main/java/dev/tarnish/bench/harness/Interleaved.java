package dev.tarnish.bench.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures contestants side by side: every round gives each contestant one time slice, in a new
 * random order, so all of them see the same machine, whatever the neighbours on a shared host are
 * doing. A slice calls back to back until its time is up and times every call. Warm-up rounds are
 * run the same way and thrown away.
 */
public final class Interleaved {

    private final int warmupRounds;

    private final int rounds;

    private final long sliceNanos;

    /**
     * Creates a run.
     * @param warmupRounds rounds thrown away
     * @param rounds rounds measured
     * @param sliceMillis the length of one contestant's slice
     */
    public Interleaved(int warmupRounds, int rounds, long sliceMillis) {
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.sliceNanos = sliceMillis * 1_000_000L;
    }

    /**
     * Runs the rounds.
     * @param contestants the contestants, all open
     * @return a figure per contestant, in the given order
     * @throws Exception if a call fails
     */
    public Map<String, Figure> run(List<Contestant> contestants) throws Exception {
        Map<Contestant, Samples> samples = new LinkedHashMap<>();
        Map<Contestant, long[]> wall = new LinkedHashMap<>();
        Map<Contestant, int[]> completed = new LinkedHashMap<>();
        contestants.forEach((c) -> {
            samples.put(c, new Samples());
            wall.put(c, new long[1]);
            completed.put(c, new int[1]);
        });
        int maxThreads = contestants.stream().mapToInt(Contestant::threads).max().orElse(1);
        ExecutorService threads = Executors.newFixedThreadPool(maxThreads, (r) -> {
            Thread thread = new Thread(r, "bench-caller");
            thread.setDaemon(true);
            return thread;
        });
        Random random = new Random(42);
        try {
            List<Contestant> order = new ArrayList<>(contestants);
            for (int round = 0; round < this.warmupRounds + this.rounds; round++) {
                Collections.shuffle(order, random);
                boolean measured = round >= this.warmupRounds;
                for (Contestant contestant : order) {
                    List<Future<Samples>> futures = new ArrayList<>();
                    long deadline = System.nanoTime() + this.sliceNanos;
                    long start = System.nanoTime();
                    for (int t = 0; t < contestant.threads(); t++) {
                        int index = t;
                        futures.add(threads.submit(() -> slice(contestant, index, deadline)));
                    }
                    Samples slice = new Samples();
                    for (Future<Samples> future : futures) {
                        slice.addAll(future.get());
                    }
                    long elapsed = System.nanoTime() - start;
                    if (measured) {
                        samples.get(contestant).addAll(slice);
                        wall.get(contestant)[0] += elapsed;
                        completed.get(contestant)[0] += slice.size();
                    }
                }
            }
        }
        finally {
            threads.shutdownNow();
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (Contestant contestant : contestants) {
            Samples all = samples.get(contestant);
            double perSecond = completed.get(contestant)[0] / (wall.get(contestant)[0] / 1e9);
            figures.put(contestant.name(), new Figure(contestant.name(), contestant.threads(), (int) all.size(),
                    all.percentile(50), all.percentile(99), all.mean(), perSecond));
        }
        return figures;
    }

    private static Samples slice(Contestant contestant, int thread, long deadline) throws Exception {
        Samples samples = new Samples();
        Object sink = null;
        int limit = contestant.maxCallsPerSlice();
        do {
            long start = System.nanoTime();
            Object result = contestant.call(thread);
            samples.add(System.nanoTime() - start);
            if (result == null) {
                throw new IllegalStateException(contestant.name() + " returned null");
            }
            sink = result;
        }
        while (samples.size() < limit && System.nanoTime() < deadline);
        if (sink == null) {
            throw new IllegalStateException("unreachable");
        }
        return samples;
    }
}
