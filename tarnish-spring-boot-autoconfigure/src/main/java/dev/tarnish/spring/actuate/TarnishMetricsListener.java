package dev.tarnish.spring.actuate;

import java.time.Duration;

import dev.tarnish.CallOutcome;
import dev.tarnish.CrashReport;
import dev.tarnish.TarnishListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records the events of every task's pool as meters: {@code tarnish.calls} (timer; tags {@code task},
 * {@code outcome}), {@code tarnish.crashes} (counter; tags {@code task}, {@code cause}) and
 * {@code tarnish.worker.startup} (timer; tag {@code task}). Thread-safe.
 */
public final class TarnishMetricsListener implements TarnishListener {

    private final MeterRegistry registry;

    /**
     * Creates the listener.
     * @param registry where the meters are registered
     */
    public TarnishMetricsListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void callCompleted(String taskName, CallOutcome outcome, Duration duration) {
        Timer.builder("tarnish.calls")
            .description("Calls of a tarnish task, by outcome")
            .tags("task", taskName, "outcome", outcome.tagValue())
            .register(this.registry)
            .record(duration);
    }

    @Override
    public void workerCrashed(CrashReport report) {
        Counter.builder("tarnish.crashes")
            .description("Workers of a tarnish task that died without being asked to, by cause")
            .tags("task", report.taskName(), "cause", report.cause().tagValue())
            .register(this.registry)
            .increment();
    }

    @Override
    public void workerStarted(String taskName, long pid, Duration startup, boolean replacement) {
        Timer.builder("tarnish.worker.startup")
            .description("Time from spawning a tarnish worker to its being ready")
            .tags("task", taskName)
            .register(this.registry)
            .record(startup);
    }
}
