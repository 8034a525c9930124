package dev.tarnish.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tarnish.bench.harness.Contestant;
import dev.tarnish.bench.harness.Contestants;
import dev.tarnish.bench.harness.Figure;
import dev.tarnish.bench.harness.Interleaved;
import dev.tarnish.bench.peer.Jvm;
import dev.tarnish.bench.process.CrashFigures;
import dev.tarnish.bench.process.LibraryCrash;
import dev.tarnish.bench.process.MemoryFigures;
import dev.tarnish.bench.process.SpringStartupFigures;
import dev.tarnish.bench.process.StartupFigures;
import dev.tarnish.bench.report.Machine;
import dev.tarnish.bench.report.Report;
import dev.tarnish.bench.report.Settings;
import dev.tarnish.bench.tasks.EchoBytesTask;
import dev.tarnish.bench.tasks.Payloads;

/**
 * Runs every figure of BENCHMARKS.md in one JVM, one part after the other, and writes the file.
 *
 * <p>Arguments: {@code --mode full|smoke}, {@code --output <file>}, {@code --command <text>} (the
 * command line to print in the file, as it was typed), {@code --sample-jar <file>} (the packaged sample
 * application, for the Spring worker-mode start-up), {@code --other-java <file>} (optional, may be empty:
 * another JDK's {@code java}, by which the Spring worker-mode start-up and memory are measured once more).
 */
public final class BenchmarkReport {

    /** Contestant names, also the keys of the figures. */
    public static final String TARNISH = "tarnish, 1 worker";


    public static final String TARNISH_2 = "tarnish, 2 workers, 2 threads";

    public static final String IN_PROCESS = "(a) in-process";

    public static final String IN_PROCESS_2 = "(a) in-process, 2 threads";

    public static final String BARE_UDS = "(b) bare UDS ping-pong";

    public static final String SPRING_WORKER = "tarnish, Spring worker of the sample jar (greeting)";

    public static final String SPRING_WORKER_TEXT = "tarnish, Spring worker of the sample jar (greeting, text of that size)";

    public static final String BARE_UDS_2 = "(b) bare UDS ping-pong, 2 peers, 2 threads";

    public static final String BARE_PIPE = "(b) bare pipe ping-pong";

    public static final String RMI = "(c) Java RMI";

    public static final String JVM_PER_CALL = "(d) a JVM per call";

    public static final String PP4J = "(e) pp4j 2.2";

    public static final String OUT_PROCESS = "(e) out-process 1.2.7";

    private BenchmarkReport() {
    }

    /**
     * Runs the benchmarks and writes the report.
     * @param args see the class comment
     * @throws Exception if a part fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Settings settings = Settings.of(options.getOrDefault("mode", "smoke"));
        Path output = Path.of(options.getOrDefault("output", "BENCHMARKS.md"));
        Runtime.getRuntime().addShutdownHook(new Thread(Jvm::killDescendants, "kill-children"));
        Report report = new Report(settings, options.getOrDefault("command", "(not given)"));
        report.started(Instant.now(), Machine.loadAverage());
        long begin = System.nanoTime();

        for (String payload : List.of("string16", "record10")) {
            log("small calls, " + payload);
            report.smallCalls(payload, smallCalls(settings, payload));
        }
        Path sampleJar = Path.of(options.getOrDefault("sample-jar", "tarnish-sample-app.jar (--sample-jar not given)"));
        log("small calls, Spring worker");
        report.springCalls(springCalls(settings, sampleJar));
        for (int size : List.of(1 << 20, 32 << 20)) {
            log("byte[] of " + size);
            report.bytes(size, bytes(settings, size, sampleJar));
        }
        log("start-up");
        StartupFigures startup = StartupFigures.measure(settings.startupRounds());
        report.startup(startup);
        log("start-up: Spring worker mode");
        report.springStartup(SpringStartupFigures.measure(Jvm.java(), "spring-startup-", sampleJar,
                settings.springRounds(), settings.springRestarts(), settings.memorySettleMillis(),
                settings.memorySamples()));
        String otherJava = options.getOrDefault("other-java", "");
        if (!otherJava.isBlank()) {
            log("start-up: Spring worker mode on " + otherJava);
            report.springStartupOnOtherJdk(SpringStartupFigures.measure(otherJava, "spring-startup-other-jdk-",
                    sampleJar, settings.springRounds(), settings.springRestarts(), settings.memorySettleMillis(),
                    settings.memorySamples()));
        }
        log("crash");
        report.crash(CrashFigures.measure(0, settings.crashRounds(), settings.steadyCalls()));
        log("crash: standby worker");
        report.crashWithStandby(CrashFigures.measure(1, settings.crashRounds(), settings.steadyCalls()));
        log("crash: pp4j");
        LibraryCrash pp4j = LibraryCrash.pp4j(settings.libraryBoundSeconds());
        log("crash: out-process");
        LibraryCrash outProcess = LibraryCrash.outProcess(settings.libraryBoundSeconds());
        report.libraryCrashes(List.of(pp4j, outProcess));
        log("memory");
        report.memory(MemoryFigures.measure(settings.memorySettleMillis(), settings.memorySamples()));

        report.finished(Instant.now(), Machine.loadAverage(), (System.nanoTime() - begin) / 1e9);
        Files.writeString(output, report.markdown(), StandardCharsets.UTF_8);
        log("wrote " + output.toAbsolutePath());
        Jvm.killDescendants();
        System.exit(0);
    }

    private static Map<String, Figure> smallCalls(Settings settings, String payload) throws Exception {
        Object input = Payloads.small(payload);
        var task = Payloads.echoTask(payload);
        byte[] wire = WireBytes.of(input);
        List<Contestant> contestants = new ArrayList<>();
        try {
            contestants.add(Contestants.tarnish(TARNISH, 1, task, input));
            contestants.add(Contestants.tarnish(TARNISH_2, 2, task, input));
            contestants.add(Contestants.inProcess(IN_PROCESS, 1, task, input));
            contestants.add(Contestants.inProcess(IN_PROCESS_2, 2, task, input));
            contestants.add(Contestants.bare(BARE_UDS, 1, "uds", wire));
            contestants.add(Contestants.bare(BARE_UDS_2, 2, "uds", wire));
            contestants.add(Contestants.bare(BARE_PIPE, 1, "pipe", wire));
            contestants.add(Contestants.rmi(RMI, input));
            contestants.add(Contestants.jvmPerCall(JVM_PER_CALL, input));
            contestants.add(Contestants.pp4j(PP4J, input));
            contestants.add(Contestants.outProcess(OUT_PROCESS, input));
            return new Interleaved(settings.smallWarmup(), settings.smallRounds(), settings.smallSliceMillis())
                .run(contestants);
        }
        finally {
            contestants.forEach(Contestant::close);
        }
    }

    /**
     * The greeting task of the packaged sample, called from the harness through a worker started as
     * the sample starts its own, beside a plain worker of the same input and the bare channel.
     */
    private static Map<String, Figure> springCalls(Settings settings, Path sampleJar) throws Exception {
        Object input = Payloads.small("string16");
        List<Contestant> contestants = new ArrayList<>();
        try {
            contestants.add(Contestants.springWorker(SPRING_WORKER, sampleJar, SpringStartupFigures.TASK,
                    "dev.tarnish.sample.tasks.GreetingTask", input));
            contestants.add(Contestants.tarnish(TARNISH, 1, Payloads.echoTask("string16"), input));
            contestants.add(Contestants.bare(BARE_UDS, 1, "uds", WireBytes.of(input)));
            return new Interleaved(settings.smallWarmup(), settings.smallRounds(), settings.smallSliceMillis())
                .run(contestants);
        }
        finally {
            contestants.forEach(Contestant::close);
        }
    }

    /**
     * A byte[] echo through a plain worker beside the bare channels, and the sample's greeting task
     * with text of the same size (its reply holds the text), through a Spring worker of the jar.
     */
    private static Map<String, Figure> bytes(Settings settings, int size, Path sampleJar) throws Exception {
        byte[] input = Payloads.bytes(size);
        byte[] wire = WireBytes.of(input);
        List<Contestant> contestants = new ArrayList<>();
        try {
            contestants.add(Contestants.tarnish(TARNISH, 1, EchoBytesTask.class, input));
            contestants.add(Contestants.springWorker(SPRING_WORKER_TEXT, sampleJar, SpringStartupFigures.TASK,
                    "dev.tarnish.sample.tasks.GreetingTask", Payloads.text(size)));
            contestants.add(Contestants.bare(BARE_UDS, 1, "uds", wire));
            contestants.add(Contestants.bare(BARE_PIPE, 1, "pipe", wire));
            return new Interleaved(settings.bytesWarmup(), settings.bytesRounds(), settings.bytesSliceMillis())
                .run(contestants);
        }
        finally {
            contestants.forEach(Contestant::close);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void log(String message) {
        System.out.println("[benchmarks " + Instant.now() + "] " + message);
        System.out.flush();
    }
}
