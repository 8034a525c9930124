package dev.tarnish.bench.process;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tarnish.bench.peer.Jvm;

/**
 * Start-up of a Spring worker of the packaged sample application, beside the start of the full
 * application and a bare hello-world JVM, all in the same run.
 *
 * <p>Each round starts the packaged sample ({@code java -jar}), times it to its "Started
 * SampleApplication" line, waits until all its workers have started, then restarts the
 * {@code greeting} task's worker through the actuator endpoint several times. A restart is rolling:
 * the old worker keeps serving until its replacement is ready, so nothing waits on the application
 * side; the replacement starts while the application is otherwise idle. For each restart the
 * replacement's spawn-to-ready time comes from the starter's {@code tarnish.worker.startup} timer (the
 * increase of its total over one new sample), and the time from the restart request to the first
 * call answered by the new worker from polling {@code /api/greeting}, whose answer names the
 * worker's pid.
 *
 * @param jdk the JDK that ran the application and its workers
 * @param appStarted the full application: spawn to its "Started SampleApplication" line read
 * @param appStartedInProcess the same application with {@code --tarnish.mode=in-process} (no worker
 *     process at all), alternated with the processes above: what its workers cost its own start
 * @param workerReady a greeting worker restarted in the idle application: spawn to ready, from the timer
 * @param workerFirstCall restart request to the first call answered by the new worker
 * @param workerFirstCallWithArchive the same, of the restarts whose new worker mapped a class-data-sharing
 *     archive (the JDK 17-24 dynamic archive or the JDK 25 AOT cache), as in every restart of a user's
 *     application once a worker of its build has trained one
 * @param workerReadyAtBoot the greeting worker started with the application: spawn to ready, from the
 *     timer (it starts while the application itself and its other workers start)
 * @param bareHello a bare JVM: spawn to its first line of output, alternated with the application
 * @param restartsPerApp restarts per application process
 * @param memory the application's and its idle workers' memory, sampled in each application process
 *     once all its workers have started and each task has served a call, before the restarts
 */
public record SpringStartupFigures(Jvm.Jdk jdk, Durations appStarted, Durations appStartedInProcess, Durations workerReady, Durations workerFirstCall,
        Durations workerFirstCallWithArchive, Durations workerReadyAtBoot, Durations bareHello, int restartsPerApp, SpringMemoryFigures memory) {

    /** The task restarted: a Spring bean with an injected dependency, one worker. */
    public static final String TASK = "greeting";

    private static final String TIMER = "/actuator/metrics/tarnish.worker.startup?tag=task:";

    private static final Pattern WORKER_PID = Pattern.compile("from worker (\\d+)");

    /** The sample's tasks and their workers: the application is idle once all have started. */
    private static final List<String[]> TASKS = List.of(new String[] { "native", "1" },
            new String[] { "greeting", "1" }, new String[] { "hash", "2" });

    /** How often the greeting is polled after a restart: small beside a start-up of a second or more. */
    private static final long POLL_MILLIS = 20;

    /**
     * Measures.
     * @param java the {@code java} executable that runs the application, its workers and the bare JVM
     * @param logPrefix how the applications' log files in the working directory begin
     * @param jar the packaged sample application
     * @param rounds application processes
     * @param restarts worker restarts per application process
     * @param settleMillis how long the application and its workers are left idle before memory is sampled
     * @param memorySamples memory samples per application process, one second apart
     * @return the figures
     * @throws Exception if the application cannot be started or does not answer
     */
    public static SpringStartupFigures measure(String java, String logPrefix, Path jar, int rounds, int restarts, long settleMillis,
            int memorySamples) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged sample application is missing: " + jar
                    + " (build it with -pl sample-app,tarnish-benchmarks -am)");
        }
        List<Long> app = new ArrayList<>();
        List<Long> appInProcess = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        List<Long> firstCall = new ArrayList<>();
        List<Long> firstCallWithArchive = new ArrayList<>();
        // A cache of this run's own, shared by its application processes as by a user's runs of one build:
        // the first process extracts the jar and trains, later ones find what it left.
        Path cache = Files.createTempDirectory("tarnish-bench-cache");
        List<Long> atBoot = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        SpringMemoryFigures memory = SpringMemoryFigures.empty();
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                bare.add(StartupFigures.timeBareHello(java));
            }
            try (SampleApp sample = SampleApp.start(java, jar, Path.of(logPrefix + round + ".log").toAbsolutePath(),
                    cache)) {
                app.add(sample.awaitStarted(Duration.ofSeconds(120)));
                awaitAllWorkers(sample);
                long[] boot = sample.timer(TIMER + TASK);
                if (boot[0] == 1) {
                    atBoot.add(boot[1]);
                }
                greetingWorker(sample);
                sample.post("/api/native/ok?text=memory");
                // Let the application's own start-up work (JIT, lazy initialization) finish first.
                Thread.sleep(settleMillis);
                for (int i = 0; i < memorySamples; i++) {
                    if (i > 0) {
                        Thread.sleep(1000);
                    }
                    memory.sample(sample.pid());
                }
                for (int i = 0; i < restarts; i++) {
                    restart(sample, ready, firstCall, firstCallWithArchive);
                }
            }
            if (round % 2 == 1) {
                bare.add(StartupFigures.timeBareHello(java));
            }
            try (SampleApp inProcess = SampleApp.start(java, jar,
                    Path.of(logPrefix + "in-process-" + round + ".log").toAbsolutePath(), cache,
                    "--tarnish.mode=in-process")) {
                appInProcess.add(inProcess.awaitStarted(Duration.ofSeconds(120)));
            }
        }
        deleteRecursively(cache);
        return new SpringStartupFigures(Jvm.describe(java), new Durations(app), new Durations(appInProcess), new Durations(ready), new Durations(firstCall),
                new Durations(firstCallWithArchive), new Durations(atBoot), new Durations(bare), restarts, memory);
    }

    private static void restart(SampleApp sample, List<Long> ready, List<Long> firstCall,
            List<Long> firstCallWithArchive) throws Exception {
        long oldPid = greetingWorker(sample);
        long[] before = sample.timer(TIMER + TASK);
        long start = System.nanoTime();
        HttpResponse<String> restarted = sample.post("/actuator/tarnish/" + TASK);
        if (restarted.statusCode() != 200) {
            throw new IllegalStateException("Restart answered " + restarted.statusCode() + ": " + restarted.body());
        }
        long deadline = start + Duration.ofSeconds(60).toNanos();
        while (greetingWorker(sample) == oldPid) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No new greeting worker within 60 s");
            }
            Thread.sleep(POLL_MILLIS);
        }
        long elapsed = System.nanoTime() - start;
        firstCall.add(elapsed);
        if (mapsAnArchive(greetingWorker(sample))) {
            firstCallWithArchive.add(elapsed);
        }
        // The listener records the start-up right after the worker joins the pool: wait for it briefly.
        long[] after = sample.timer(TIMER + TASK);
        long timerDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (after[0] < before[0] + 1 && System.nanoTime() < timerDeadline) {
            Thread.sleep(10);
            after = sample.timer(TIMER + TASK);
        }
        if (after[0] == before[0] + 1) {
            ready.add(after[1] - before[1]);
        }
        // Let the replaced worker stop before the next restart.
        Thread.sleep(500);
    }

    /** Whether a worker was started with a class-data-sharing archive to map, from its command line. */
    private static boolean mapsAnArchive(long pid) throws IOException {
        String command = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8);
        return command.contains("-XX:SharedArchiveFile=") || command.contains("-XX:AOTCache=");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static long greetingWorker(SampleApp sample) throws Exception {
        HttpResponse<String> response = sample.get("/api/greeting?name=bench");
        Matcher matcher = WORKER_PID.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("Greeting answered " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(matcher.group(1));
    }

    private static void awaitAllWorkers(SampleApp sample) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (String[] task : TASKS) {
            while (sample.timer(TIMER + task[0])[0] < Long.parseLong(task[1])) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The sample's " + task[0] + " workers did not start within 120 s");
                }
                Thread.sleep(50);
            }
        }
    }
}
