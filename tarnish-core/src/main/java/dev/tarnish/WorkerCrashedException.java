package dev.tarnish;

/**
 * The worker died during the call: a native crash, {@code System.exit}, an
 * {@link OutOfMemoryError}, a kill from outside, or a broken channel. The worker is replaced.
 *
 * <p>The {@linkplain #getReport() crash report} holds the exit code, the signal, the summary of the
 * JVM's fatal error log, and the last lines the worker wrote to stderr.
 */
public class WorkerCrashedException extends TarnishException {

    private static final long serialVersionUID = 1L;

    private final CrashReport report;

    /**
     * Creates an exception.
     *
     * @param report what is known about the crash
     */
    public WorkerCrashedException(CrashReport report) {
        super(report.taskName(), report.pid(), report.describe(), null);
        this.report = report;
    }

    /**
     * Returns what is known about the crash.
     *
     * @return the crash report
     */
    public CrashReport getReport() {
        return this.report;
    }
}
