package dev.tarnish.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.TaskSettings;
import dev.tarnish.bench.harness.Contestants;
import dev.tarnish.bench.peer.IdleMain;
import dev.tarnish.bench.tasks.EchoStringTask;

/**
 * Memory of one idle tarnish worker (started, one call served, then left idle), beside a bare JVM
 * started with the worker's exact command line except the main class, which only waits. Twice at
 * once: a worker with the lean JVM defaults ({@code leanJvm(true)}, the default) and one without, each
 * with its own bare JVM, so the bare JVM always has the flags its worker really got. All four are read
 * from {@code /proc/<pid>/smaps_rollup} at the same moments, several times, after they settle.
 *
 * @param lean the worker with the lean defaults and its bare JVM
 * @param full the worker started with {@code leanJvm(false)} and its bare JVM
 */
public record MemoryFigures(Pair lean, Pair full) {

    /**
     * Measures.
     * @param settleMillis how long to leave all idle before the first sample
     * @param samples how many samples, one second apart
     * @return the figures
     * @throws Exception if a process cannot be started or read
     */
    public static MemoryFigures measure(long settleMillis, int samples) throws Exception {
        try (Running lean = Running.start(true); Running full = Running.start(false)) {
            Thread.sleep(settleMillis);
            for (int i = 0; i < samples; i++) {
                if (i > 0) {
                    Thread.sleep(1000);
                }
                lean.sample();
                full.sample();
            }
            return new MemoryFigures(lean.figures(), full.figures());
        }
    }

    /**
     * One worker and its bare JVM.
     *
     * @param workerRssKb the worker's resident set, per sample
     * @param workerPssKb the worker's proportional set, per sample
     * @param bareRssKb the bare JVM's resident set, per sample
     * @param barePssKb the bare JVM's proportional set, per sample
     * @param flags the JVM options both ran with
     */
    public record Pair(List<Long> workerRssKb, List<Long> workerPssKb, List<Long> bareRssKb, List<Long> barePssKb,
            String flags) {
    }

    /** A started worker, idle after one call, and its bare JVM; closing stops both. */
    private static final class Running implements AutoCloseable {

        private final SupervisedProcess<?> process;

        private final long workerPid;

        private final String flags;

        private Process bare;

        private final List<Long> workerRss = new ArrayList<>();

        private final List<Long> workerPss = new ArrayList<>();

        private final List<Long> bareRss = new ArrayList<>();

        private final List<Long> barePss = new ArrayList<>();

        private Running(SupervisedProcess<?> process, long workerPid, String flags) {
            this.process = process;
            this.workerPid = workerPid;
            this.flags = flags;
        }

        static Running start(boolean leanJvm) throws Exception {
            SupervisedProcess<?> process = Contestants.startTarnish(EchoStringTask.class,
                    TaskSettings.builder().leanJvm(leanJvm).build(), leanJvm ? "memory-lean" : "memory-full");
            Running running = null;
            try {
                process.call("one call");
                long workerPid = process.status().workers().get(0).pid();
                List<String> command = cmdline(workerPid);
                // A library worker runs `java <options> -cp <class path> <main class>`: the main class follows.
                int classPath = command.indexOf("-cp");
                int main = classPath + 2;
                if (classPath < 0 || main >= command.size()) {
                    throw new IllegalStateException("Worker main class not found in " + command);
                }
                List<String> bareCommand = new ArrayList<>(command);
                bareCommand.set(main, IdleMain.class.getName());
                String flags = String.join(" ", command.subList(1, main)).replaceAll("-cp \\S+", "-cp <class path>");
                running = new Running(process, workerPid, flags);
                running.bare = new ProcessBuilder(bareCommand).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(running.bare.getInputStream(), StandardCharsets.UTF_8));
                if (!"ready".equals(out.readLine())) {
                    throw new IOException("Bare JVM did not start");
                }
                return running;
            }
            catch (Exception ex) {
                if (running != null) {
                    running.close();
                }
                else {
                    process.close();
                }
                throw ex;
            }
        }

        void sample() throws IOException {
            long[] worker = rollup(this.workerPid);
            long[] idle = rollup(this.bare.pid());
            this.workerRss.add(worker[0]);
            this.workerPss.add(worker[1]);
            this.bareRss.add(idle[0]);
            this.barePss.add(idle[1]);
        }

        Pair figures() {
            return new Pair(this.workerRss, this.workerPss, this.bareRss, this.barePss, this.flags);
        }

        @Override
        public void close() {
            try {
                if (this.bare != null) {
                    this.bare.getOutputStream().close();
                    if (!this.bare.waitFor(5, TimeUnit.SECONDS)) {
                        this.bare.destroyForcibly();
                    }
                }
            }
            catch (IOException ex) {
                this.bare.destroyForcibly();
            }
            catch (InterruptedException ex) {
                this.bare.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            finally {
                this.process.close();
            }
        }
    }

    private static List<String> cmdline(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                parts.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return parts;
    }

    /** Returns {Rss, Pss} in kB. */
    static long[] rollup(long pid) throws IOException {
        long rss = -1;
        long pss = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            if (line.startsWith("Rss:")) {
                rss = kilobytes(line);
            }
            else if (line.startsWith("Pss:")) {
                pss = kilobytes(line);
            }
        }
        return new long[] { rss, pss };
    }

    private static long kilobytes(String line) {
        String[] words = line.trim().split("\\s+");
        return Long.parseLong(words[1]);
    }

    /**
     * Returns the median of some values.
     * @param values the values
     * @return the median (the upper one of an even count)
     */
    public static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
