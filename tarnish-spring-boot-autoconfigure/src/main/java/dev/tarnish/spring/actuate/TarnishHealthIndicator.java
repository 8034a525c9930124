package dev.tarnish.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tarnish.TaskState;
import dev.tarnish.TaskStatus;
import dev.tarnish.WorkerState;
import dev.tarnish.spring.TarnishProcesses;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code tarnish} health: down when a task's crash-loop breaker is open, since its calls are then
 * rejected at once; up otherwise. A crash that was followed by a healthy replacement is not a reason
 * to be down. Details per task: state, worker counts, crashes.
 */
public final class TarnishHealthIndicator extends AbstractHealthIndicator {

    private final TarnishProcesses processes;

    /**
     * Creates the indicator.
     * @param processes the task processes
     */
    public TarnishHealthIndicator(TarnishProcesses processes) {
        super("tarnish health check failed");
        this.processes = processes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean down = false;
        for (var entry : this.processes.all().entrySet()) {
            TaskStatus status = entry.getValue().status();
            down |= status.state() == TaskState.CRASH_LOOP;
            builder.withDetail(entry.getKey(), details(status));
        }
        if (down) {
            builder.down();
        }
        else {
            builder.up();
        }
    }

    private static Map<String, Object> details(TaskStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state().name());
        details.put("workers", status.workers().size());
        details.put("idle", status.countWorkers(WorkerState.IDLE));
        details.put("busy", status.countWorkers(WorkerState.BUSY));
        details.put("crashes", status.crashes());
        if (status.lastCrash() != null) {
            details.put("lastCrash", status.lastCrash().cause().tagValue());
        }
        return details;
    }
}
