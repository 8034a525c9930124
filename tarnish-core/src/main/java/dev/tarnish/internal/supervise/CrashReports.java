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

    private CrashReports() {
    }

    static CrashReport build(String taskName, long pid, Integer exitCode, Path fatalErrorFile, List<String> stderrTail,
            List<String> stdoutTail, CrashCause knownCause, String knownDetail) {
        return build(taskName, pid, exitCode, fatalErrorFile, stderrTail, stdoutTail, knownCause, knownDetail, false);
    }

    /**
     * Works out why a worker died.
     * @param oomKillCounted whether its memory cgroup counted an out-of-memory kill since it started
     */
    static CrashReport build(String taskName, long pid, Integer exitCode, Path fatalErrorFile, List<String> stderrTail,
            List<String> stdoutTail, CrashCause knownCause, String knownDetail, boolean oomKillCounted) {
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
        else if (oomKillCounted && "SIGKILL".equals(signal)) {
            cause = CrashCause.OUT_OF_MEMORY;
            detail = "killed by the kernel's out-of-memory killer: its memory cgroup counted an oom_kill";
        }
        else if (signal != null) {
            cause = CrashCause.SIGNAL;
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
