package dev.tarnish.internal.supervise;

import dev.tarnish.CrashReport;
import dev.tarnish.TarnishException;

/**
 * A worker could not be started: it died, did not become ready in time, or its task could not be
 * created. Becomes the cause of the {@link dev.tarnish.WorkerUnavailableException} that callers get
 * while workers cannot start.
 */
final class StartupFailure extends TarnishException {

    private static final long serialVersionUID = 1L;

    private final transient CrashReport report;

    StartupFailure(CrashReport report, Throwable cause) {
        super(report.taskName(), report.pid(), report.describe(), cause);
        this.report = report;
    }

    CrashReport report() {
        return this.report;
    }
}
