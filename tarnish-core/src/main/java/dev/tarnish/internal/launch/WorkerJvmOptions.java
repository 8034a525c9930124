package dev.tarnish.internal.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JVM options tarnish adds for a worker, before the program: its own (where the crash log
 * goes, end on out-of-memory), the lean defaults, then the task's {@code jvmArgs}, last so that
 * they win over everything before them.
 */
public final class WorkerJvmOptions {

    /** Any explicit choice of garbage collector: adding another would make the JVM refuse to start. */
    private static final Pattern GC_CHOICE = Pattern.compile("-XX:\\+Use\\w*GC");

    private WorkerJvmOptions() {
    }

    /**
     * Builds the options for one worker.
     * @param privateDirectory where the worker's fatal error log is written
     * @param lean whether to add the lean defaults
     * @param sharing the class-data-sharing options of this worker
     * @param taskJvmArgs the task's own options
     * @return the options
     */
    public static List<String> of(Path privateDirectory, boolean lean, List<String> sharing,
            List<String> taskJvmArgs) {
        List<String> options = new ArrayList<>();
        // The crash log is how a segfault is told from abort(): it must land where tarnish reads it.
        options.add("-XX:ErrorFile=" + privateDirectory.resolve("hs_err_pid%p.log"));
        // An OutOfMemoryError leaves a JVM poisoned: end the worker so that a fresh one replaces it.
        options.add("-XX:+ExitOnOutOfMemoryError");
        options.add("-XX:-CreateCoredumpOnCrash");
        options.addAll(stable(lean, sharing, taskJvmArgs));
        return options;
    }

    /**
     * The options that are the same for every worker of a task: what identifies its class-data
     * sharing archive.
     * @param lean whether to add the lean defaults
     * @param sharing the class-data-sharing options
     * @param taskJvmArgs the task's own options
     * @return the options
     */
    public static List<String> stable(boolean lean, List<String> sharing, List<String> taskJvmArgs) {
        List<String> options = new ArrayList<>();
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
     * time), and no perf-data file. Each gives way when the parent or the task chooses otherwise.
     */
    static List<String> leanDefaults(List<String> taskJvmArgs) {
        List<String> lean = new ArrayList<>();
        lean.add("-XX:TieredStopAtLevel=1");
        boolean gcChosen = CurrentJvm.inputArguments().stream().anyMatch(WorkerJvmOptions::choosesGc)
                || taskJvmArgs.stream().anyMatch(WorkerJvmOptions::choosesGc);
        if (!gcChosen) {
            lean.add("-XX:+UseSerialGC");
        }
        lean.add("-XX:-UsePerfData");
        return lean;
    }

    private static boolean choosesGc(String option) {
        return GC_CHOICE.matcher(option).matches();
    }
}
