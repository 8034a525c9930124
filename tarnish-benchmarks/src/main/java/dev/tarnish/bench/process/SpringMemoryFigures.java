package dev.tarnish.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resident memory of the packaged sample application and of its idle workers, read from
 * {@code /proc/<pid>/smaps_rollup} at the same moments: the application (web server, actuator, every
 * bean) beside what a worker of each of its tasks costs.
 *
 * @param appRssKb the application's resident set, per sample
 * @param appPssKb the application's proportional set, per sample
 * @param workerRssKb each task's first worker's resident set, per sample, by task name
 * @param workerPssKb each task's first worker's proportional set, per sample, by task name
 */
public record SpringMemoryFigures(List<Long> appRssKb, List<Long> appPssKb, Map<String, List<Long>> workerRssKb,
        Map<String, List<Long>> workerPssKb) {

    /** An empty set of figures, to add samples to. */
    static SpringMemoryFigures empty() {
        return new SpringMemoryFigures(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>());
    }

    /**
     * Samples the application and one worker of each task.
     * @param appPid the application
     * @throws IOException if a process cannot be read
     */
    void sample(long appPid) throws IOException {
        long[] app = MemoryFigures.rollup(appPid);
        Map<String, long[]> workers = new LinkedHashMap<>();
        for (ProcessHandle child : ProcessHandle.of(appPid).orElseThrow().children().toList()) {
            String task = workerTask(child.pid());
            if (task != null && !workers.containsKey(task)) {
                workers.put(task, MemoryFigures.rollup(child.pid()));
            }
        }
        this.appRssKb.add(app[0]);
        this.appPssKb.add(app[1]);
        workers.forEach((task, memory) -> {
            this.workerRssKb.computeIfAbsent(task, (key) -> new ArrayList<>()).add(memory[0]);
            this.workerPssKb.computeIfAbsent(task, (key) -> new ArrayList<>()).add(memory[1]);
        });
    }

    /** The task a worker process serves, from its {@code TARNISH_WORKER} variable, or {@code null}. */
    private static String workerTask(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        for (String variable : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            if (variable.startsWith("TARNISH_WORKER=")) {
                return variable.substring("TARNISH_WORKER=".length());
            }
        }
        return null;
    }
}
