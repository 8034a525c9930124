package dev.tarnish.spring.actuate;

import java.util.Locale;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.WorkerState;
import dev.tarnish.spring.TarnishProcesses;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers the meters read from each task's status: {@code tarnish.workers} (gauge; tags
 * {@code task}, {@code state}) and {@code tarnish.restarts} (counter; tag {@code task}). Counting
 * restarts from the status keeps the meter equal to what the endpoint shows.
 */
public final class TarnishProcessesMeterBinder implements MeterBinder {

    private final TarnishProcesses processes;

    /**
     * Creates the binder.
     * @param processes the task processes
     */
    public TarnishProcessesMeterBinder(TarnishProcesses processes) {
        this.processes = processes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.processes.all().forEach((name, process) -> bind(registry, name, process));
    }

    private static void bind(MeterRegistry registry, String name, SupervisedProcess<?> process) {
        for (WorkerState state : WorkerState.values()) {
            Gauge.builder("tarnish.workers", process, (p) -> p.status().countWorkers(state))
                .description("Worker processes of a tarnish task, by state")
                .tags("task", name, "state", state.name().toLowerCase(Locale.ROOT))
                .register(registry);
        }
        FunctionCounter.builder("tarnish.restarts", process, (p) -> p.status().restarts())
            .description("Workers started to replace one that died, was recycled or was restarted")
            .tags("task", name)
            .register(registry);
    }
}
