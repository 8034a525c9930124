package dev.tarnish.spring.actuate;

import java.util.Locale;
import java.util.function.ToLongFunction;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.TaskStatus;
import dev.tarnish.WorkerState;
import dev.tarnish.spring.TarnishProcesses;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers the meters read from each task's status: {@code tarnish.workers} (gauge; tags
 * {@code task}, {@code state}), the counters {@code tarnish.restarts}, {@code tarnish.retries} and
 * {@code tarnish.poison.refusals}, and the gauge {@code tarnish.poison.quarantined} (tag {@code task}).
 * Counting from the status keeps the meters equal to what the endpoint shows.
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
        counter(registry, "tarnish.restarts", name, process, TaskStatus::restarts,
                "Workers started to replace one that died, was recycled or was restarted");
        counter(registry, "tarnish.retries", name, process, TaskStatus::retries,
                "Attempts of tarnish calls made again after their worker crashed or timed out");
        counter(registry, "tarnish.poison.refusals", name, process, TaskStatus::poisonRefusals,
                "Calls refused because their input crashed too many workers");
        Gauge.builder("tarnish.poison.quarantined", process, (p) -> p.status().quarantinedInputs())
            .description("Inputs of a tarnish task refused now because they crashed too many workers")
            .tags("task", name)
            .register(registry);
    }

    private static void counter(MeterRegistry registry, String meter, String name, SupervisedProcess<?> process,
            ToLongFunction<TaskStatus> count, String description) {
        FunctionCounter.builder(meter, process, (p) -> count.applyAsLong(p.status()))
            .description(description)
            .tags("task", name)
            .register(registry);
    }
}
