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
 * The {@code tarnish} health: {@code DOWN} when a task's crash-loop breaker is open, since its calls
 * are then rejected at once; {@code OUT_OF_SERVICE} while a task has no ready worker yet (at start-up,
 * or while all its workers are being replaced), since its calls would wait; {@code UP} otherwise. A
 * crash that was followed by a healthy replacement is not a reason to be down. Details per task:
 * state, worker counts, crashes.
 *
 * <p>It fits Spring Boot's readiness probe
 * ({@code management.endpoint.health.group.readiness.include=readinessState,tarnish}): traffic stays
 * away until every task's workers serve. Keep it out of the liveness group: a worker that cannot start
 * is no reason to restart the application.
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
        boolean starting = false;
        for (var entry : this.processes.all().entrySet()) {
            TaskStatus status = entry.getValue().status();
            down |= status.state() == TaskState.CRASH_LOOP;
            starting |= status.state() == TaskState.STARTING;
            builder.withDetail(entry.getKey(), details(status));
        }
        if (down) {
            builder.down();
        }
        else if (starting) {
            builder.outOfService();
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
