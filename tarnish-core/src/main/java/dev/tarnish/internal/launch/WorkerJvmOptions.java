package dev.tarnish.internal.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options tarnish adds for a worker, before the program: its own (where the crash log
 * goes, end on out-of-memory), the lean defaults, then the task's {@code jvmArgs}, last so that
 * they win over everything before them.
 */
public final class WorkerJvmOptions {

    /** Any explicit choice of garbage collector: adding another would make the JVM refuse to start. */
    private static final Pattern GC_CHOICE = Pattern.compile("-XX:\\+Use\\w*GC");

    /** An initial heap size chosen by the task. */
    private static final Pattern INITIAL_HEAP_CHOICE = Pattern.compile("-Xms.*|-XX:InitialHeapSize=.*");

    /** Any choice of the maximum heap, as a size or as a share of the memory the JVM sees. */
    private static final Pattern ANY_MAX_HEAP_CHOICE = Pattern.compile(
            "-Xmx.*|-XX:MaxHeapSize=.*|-XX:MaxRAM=.*|-XX:MaxRAMPercentage=.*|-XX:MaxRAMFraction=.*");

    /** The JVM's own default share of memory for the heap: a quarter. */
    private static final double JVM_DEFAULT_HEAP_PERCENT = 25.0;

    /** An explicit maximum heap: {@code -Xmx<size>} or {@code -XX:MaxHeapSize=<size>}. */
    private static final Pattern MAX_HEAP_CHOICE = Pattern.compile("(?:-Xmx|-XX:MaxHeapSize=)(\\d+)([kKmMgGtT]?)");

    /** The lean initial heap. */
    private static final long INITIAL_HEAP_BYTES = 16L << 20;

    /** A choice of the metaspace size at which the first class-metadata collection happens. */
    private static final Pattern METASPACE_CHOICE = Pattern.compile("-XX:MetaspaceSize=.*");

    /** A choice of the young generation's size, absolute or as a share of the heap. */
    private static final Pattern YOUNG_SIZE_CHOICE = Pattern.compile("-Xmn.*|-XX:(Max)?NewSize=.*|-XX:NewRatio=.*");

    private WorkerJvmOptions() {
    }

    /**
     * Builds the options for one worker.
     * @param privateDirectory where the worker's fatal error log is written
     * @param lean whether to add the lean defaults
     * @param sharing the class-data-sharing options of this worker
     * @param taskJvmArgs the task's own options
     * @param processes how many workers of the task run at once, for their share of memory
     * @return the options
     */
    public static List<String> of(Path privateDirectory, boolean lean, List<String> sharing,
            List<String> taskJvmArgs, int processes) {
        List<String> options = new ArrayList<>();
        // The crash log is how a segfault is told from abort(): it must land where tarnish reads it.
        options.add("-XX:ErrorFile=" + privateDirectory.resolve("hs_err_pid%p.log"));
        // An OutOfMemoryError leaves a JVM poisoned: end the worker so that a fresh one replaces it.
        options.add("-XX:+ExitOnOutOfMemoryError");
        options.add("-XX:-CreateCoredumpOnCrash");
        options.addAll(stable(lean, sharing, taskJvmArgs, processes));
        return options;
    }

    /**
     * The options that are the same for every worker of a task: what identifies its class-data
     * sharing archive.
     * @param lean whether to add the lean defaults
     * @param sharing the class-data-sharing options
     * @param taskJvmArgs the task's own options
     * @param processes how many workers of the task run at once, for their share of memory
     * @return the options
     */
    public static List<String> stable(boolean lean, List<String> sharing, List<String> taskJvmArgs,
            int processes) {
        List<String> options = new ArrayList<>();
        options.addAll(heapShare(taskJvmArgs, processes));
        if (lean) {
            options.addAll(leanDefaults(taskJvmArgs));
        }
        options.addAll(sharing);
        options.addAll(taskJvmArgs);
        return options;
    }

    /**
     * Options that make a worker start faster and take less memory: the client compiler only (a
     * worker mostly waits on native code or runs briefly), the serial collector (one caller at a
     * time), no perf-data file, and a heap that starts small.
     * The optimizing compiler (C2) was measured against it on 2 cores, with the archive: with C2 at
     * its usual thresholds a small call costs 1.26× the bare channel instead of 1.53× (a record of
     * ten fields 1.6× instead of 2.3×), but a Spring worker of the sample is ready in 2.8-3.1 s instead
     * of 1.6-2.0 s; with C2's thresholds at four times the JVM's, ready in 2.1-2.3 s with the same
     * peak, but slower than the client compiler for its first twenty thousand calls (profiled code),
     * and an idle Spring worker held 118 MiB instead of 96 MiB. A task whose calls are that hot
     * chooses it with {@code -XX:TieredStopAtLevel=4} in its {@code jvmArgs}, which come last.
     * The client compiler's threads are left at the JVM's priority and thresholds. On 2 cores they
     * take about 0.5 s of processor time while a Spring worker starts, beside about 0.75 s of its main
     * thread, which waits some 250 ms for a processor. With the compiler threads at the lowest
     * priority ({@code -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19}), a restarted worker
     * of the sample was ready 8-17 % sooner in an idle application (measured 2026-12-03). It was 85 %
     * later (35 % at priority 10) when two busy processes held both processors, as after a crash under
     * load, because its code then stayed interpreted. The JVM also warns about the option at every
     * start of a worker run by a user other than root. Compile thresholds at half or twice the JVM's
     * ({@code -XX:CompileThresholdScaling}), and a single compiler thread, were slower or the same.
     * The JVM's default initial heap is a 64th of the machine's memory (384 MiB on 24 GiB), and a
     * worker's start-up garbage would touch all of it: an idle Spring worker then held twice the
     * resident memory it needs. 16 MiB rather than less, because a smaller young generation
     * collects the start-up garbage of a Spring worker in about twice as many pauses for no less
     * memory (measured on the sample: 78 pauses at 8 MiB, 45 at 16 MiB, 93-94 MiB resident either
     * way). The first collection for class metadata comes at 64 MiB of metaspace instead of 21 MiB:
     * a Spring worker passes 21 MiB while it starts, and that full collection cost it 85-95 ms. With
     * the serial collector, the young generation is half the heap ({@code -XX:NewRatio=1}) instead of
     * a third: a large {@code byte[]} input is then allocated young and dies there, where at a third
     * of a heap that gives back what it does not use it did not fit and went to the old generation,
     * which took a full collection for every call (measured, a plain worker echoing 8, 32 and 48 MiB:
     * 0.34-0.38 of the bare channel's bandwidth, 0.89-0.99 with it; an idle Spring worker of the
     * sample holds 2-4 MiB more). The free-heap ratios are the JVM's own (40 and 70 %): free-heap
     * ratios of 10 and 30 %, which these defaults set before, kept an idle Spring worker of the
     * sample 3-4 MiB smaller (95.5 instead of 99 MiB resident), but its old generation then stayed
     * within a few MiB of the application context's live objects, and every call whose data outlived
     * a young collection filled it: the sample's {@code greeting} task called with 1 MiB of text
     * made a full collection (20-35 ms each, the context being live) every 3 calls and took 2-3
     * times as long overall (600 calls: 4.4-6.9 s against 2.0-2.2 s; 20/50 % measured between, 2.5
     * s). Each option gives way when the task chooses otherwise; the collector and the young
     * generation also when the parent does, since a worker inherits its options.
     */
    static List<String> leanDefaults(List<String> taskJvmArgs) {
        List<String> lean = new ArrayList<>();
        lean.add("-XX:TieredStopAtLevel=1");
        if (!chosen(GC_CHOICE, taskJvmArgs, true)) {
            lean.add("-XX:+UseSerialGC");
            // Only for the serial collector: G1 sizes its young generation itself, unless told a ratio.
            if (!chosen(YOUNG_SIZE_CHOICE, taskJvmArgs, true)) {
                lean.add("-XX:NewRatio=1");
            }
        }
        lean.add("-XX:-UsePerfData");
        if (!chosen(INITIAL_HEAP_CHOICE, taskJvmArgs, false) && !maxHeapBelow(INITIAL_HEAP_BYTES, taskJvmArgs)) {
            // The application's own -Xms, which a worker inherits, is meant for the application.
            lean.add("-Xms16m");
        }
        if (!chosen(METASPACE_CHOICE, taskJvmArgs, true)) {
            lean.add("-XX:MetaspaceSize=64m");
        }
        return lean;
    }

    /**
     * The worker's share of memory for its heap, unless the task chose one. Each JVM
     * takes a quarter of the memory it sees by default (the container's limit inside a container,
     * since the JVM reads cgroups itself): N workers and their application would then be allowed
     * (N + 1) quarters together, and the kernel's out-of-memory killer ends one of them instead of
     * a worker's own {@code OutOfMemoryError}. So the workers share half of the memory, a quarter at
     * most each: {@code 50 / (N + 1)} percent.
     * @param taskJvmArgs the task's own options
     * @param processes how many workers of the task run at once
     * @return the option, or nothing
     */
    static List<String> heapShare(List<String> taskJvmArgs, int processes) {
        // The parent's own choice is not inherited (InheritedOptions): only the task's counts.
        if (chosen(ANY_MAX_HEAP_CHOICE, taskJvmArgs, false)) {
            return List.of();
        }
        double percent = Math.min(JVM_DEFAULT_HEAP_PERCENT, 50.0 / (Math.max(1, processes) + 1));
        // Rounded down, so that the shares never add up to more than half.
        double tenths = Math.floor(percent * 10) / 10;
        return List.of("-XX:MaxRAMPercentage=" + String.format(java.util.Locale.ROOT, "%.1f", tenths));
    }

    /** Whether the worker's maximum heap, as the task sets it (the parent's is not inherited), is below a size. */
    static boolean maxHeapBelow(long bytes, List<String> taskJvmArgs) {
        Long max = null;
        for (String option : taskJvmArgs) {
            Matcher matcher = MAX_HEAP_CHOICE.matcher(option);
            if (matcher.matches()) {
                max = Long.parseLong(matcher.group(1)) << shift(matcher.group(2));
            }
        }
        return max != null && max < bytes;
    }

    private static int shift(String unit) {
        return switch (unit.toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
    }

    private static boolean chosen(Pattern choice, List<String> taskJvmArgs, boolean orByParent) {
        return taskJvmArgs.stream().anyMatch((option) -> choice.matcher(option).matches())
                || (orByParent && CurrentJvm.inputArguments().stream().anyMatch((option) -> choice.matcher(option).matches()));
    }

}
