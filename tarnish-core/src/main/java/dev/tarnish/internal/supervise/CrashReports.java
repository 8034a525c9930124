package dev.tarnish.internal.supervise;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;

/**
 * Works out why a worker died from what it left: the exit status, the JVM's fatal error log, and
 * its last lines of output. The exit status alone cannot tell a segfault (the JVM's own abort) from
 * {@code abort()} in native code, nor an out-of-memory exit from {@code System.exit(3)}.
 */
final class CrashReports {

    private static final String OOM_MARKER = "java.lang.OutOfMemoryError";

    /** What a worker's memory cgroup tells of an out-of-memory kill while the worker lived. */
    enum KernelOom {

        /** No kill was counted, or tarnish killed the worker itself, or there is no cgroup to read. */
        NO,

        /** A kill was counted in a cgroup the worker shared: it may have been another process's. */
        POSSIBLY,

        /** A kill was counted in a cgroup that held only the worker. */
        SURELY
    }

    private CrashReports() {
    }

    static CrashReport build(String taskName, long pid, Integer exitCode, Path fatalErrorFile, List<String> stderrTail,
            List<String> stdoutTail, CrashCause knownCause, String knownDetail) {
        return build(taskName, pid, exitCode, fatalErrorFile, stderrTail, stdoutTail, knownCause, knownDetail,
                KernelOom.NO);
    }

    /**
     * Works out why a worker died.
     * @param kernelOom what its memory cgroup tells of an out-of-memory kill while it lived
     */
    static CrashReport build(String taskName, long pid, Integer exitCode, Path fatalErrorFile, List<String> stderrTail,
            List<String> stdoutTail, CrashCause knownCause, String knownDetail, KernelOom kernelOom) {
        FatalErrorLog fatalError = FatalErrorLog.read(fatalErrorFile);
        String signal = (fatalError != null && fatalError.signal() != null) ? fatalError.signal()
                : (exitCode != null) ? Signals.fromExitCode(exitCode) : null;
        String oomLine = findOutOfMemoryLine(stderrTail);
        if (oomLine == null) {
            oomLine = findOutOfMemoryLine(stdoutTail);
        }
        CrashCause cause;
        String detail = knownDetail;
        if (knownCause != null) {
            cause = knownCause;
        }
        else if (fatalError != null) {
            cause = fatalError.outOfMemory() ? CrashCause.OUT_OF_MEMORY : CrashCause.NATIVE_CRASH;
        }
        else if (oomLine != null) {
            cause = CrashCause.OUT_OF_MEMORY;
            detail = oomLine;
        }
        else if (kernelOom == KernelOom.SURELY && "SIGKILL".equals(signal)) {
            cause = CrashCause.OUT_OF_MEMORY;
            detail = "killed by the kernel's out-of-memory killer: its memory cgroup, which held only this"
                    + " worker, counted an oom_kill";
        }
        else if (signal != null) {
            cause = CrashCause.SIGNAL;
            if (kernelOom == KernelOom.POSSIBLY && "SIGKILL".equals(signal)) {
                detail = "possibly the kernel's out-of-memory killer: its memory cgroup, shared with other"
                        + " processes, counted an oom_kill while it lived";
            }
        }
        else {
            cause = CrashCause.EXIT;
        }
        return new CrashReport(taskName, pid, cause, exitCode, signal,
                (fatalError != null) ? fatalError.summary() : null, detail, stderrTail, Instant.now());
    }

    /** The last line that names an OutOfMemoryError, as the JVM prints it when it ends itself. */
    private static String findOutOfMemoryLine(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(OOM_MARKER)) {
                return lines.get(i).trim();
            }
        }
        return null;
    }
}
