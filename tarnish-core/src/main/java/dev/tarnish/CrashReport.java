package dev.tarnish;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is known about a worker that died: how it ended and what it left behind.
 *
 * @param taskName the task's name
 * @param pid the worker's process id
 * @param cause the kind of crash
 * @param exitCode the process's exit status as the JDK reports it (128 + n for signal n), or
 *     {@code null} if the worker could not be reaped
 * @param signal the signal's name, such as {@code SIGSEGV} or {@code SIGKILL}, or {@code null}
 * @param fatalError the summary of the JVM's fatal error log (the signal line and the problematic
 *     frame), or {@code null} when there is none
 * @param detail more on the cause in a few words (the {@link OutOfMemoryError} line, the protocol
 *     error), or {@code null}
 * @param stderrTail the last lines the worker wrote to stderr, oldest first
 * @param time when the crash was noticed
 */
public record CrashReport(String taskName, long pid, CrashCause cause, Integer exitCode, String signal,
        String fatalError, String detail, List<String> stderrTail, Instant time) {

    /**
     * Checks the report's fields.
     */
    public CrashReport {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(time, "time");
        stderrTail = List.copyOf(stderrTail);
    }

    /**
     * Describes the crash in one message, as used by {@link WorkerCrashedException}.
     *
     * @return a human-readable description
     */
    public String describe() {
        StringBuilder text = new StringBuilder("Worker ").append(this.pid).append(" of task '")
            .append(this.taskName).append("' ");
        text.append(switch (this.cause) {
            case NATIVE_CRASH -> "crashed in native code";
            case OUT_OF_MEMORY -> "ran out of memory";
            case SIGNAL -> "was ended by a signal";
            case EXIT -> "exited";
            case PROTOCOL_ERROR -> "broke the protocol and was killed";
            case STARTUP_FAILURE -> "failed to start";
            case UNRESPONSIVE -> "stopped answering and was killed";
        });
        if (this.signal != null) {
            text.append(" (").append(this.signal).append(')');
        }
        if (this.exitCode != null) {
            text.append(", exit code ").append(this.exitCode);
        }
        if (this.fatalError != null) {
            text.append(": ").append(this.fatalError);
        }
        if (this.detail != null) {
            text.append(": ").append(this.detail);
        }
        if (!this.stderrTail.isEmpty()) {
            text.append(System.lineSeparator()).append("Last lines of stderr:");
            this.stderrTail.forEach((line) -> text.append(System.lineSeparator()).append("  ").append(line));
        }
        return text.toString();
    }
}
