package dev.tarnish.spring.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tarnish.CrashReport;
import dev.tarnish.TaskStatus;
import dev.tarnish.WorkerStatus;
import dev.tarnish.spring.TarnishProcesses;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code tarnish} endpoint: the state, workers and counts of every task, its last crash, and a
 * restart of a task's workers. Crash reports hold stderr lines, so like every endpoint but health it
 * is exposed over HTTP only when listed in {@code management.endpoints.web.exposure.include}.
 */
@Endpoint(id = "tarnish")
public final class TarnishEndpoint {

    private final TarnishProcesses processes;

    /**
     * Creates the endpoint.
     * @param processes the task processes
     */
    public TarnishEndpoint(TarnishProcesses processes) {
        this.processes = processes;
    }

    /**
     * Describes every task.
     * @return the tasks by name
     */
    @ReadOperation
    public TasksDescriptor tasks() {
        Map<String, TaskDescriptor> tasks = new LinkedHashMap<>();
        this.processes.all().forEach((name, process) -> tasks.put(name, TaskDescriptor.of(process.status())));
        return new TasksDescriptor(tasks);
    }

    /**
     * Describes one task.
     * @param name the task's name
     * @return the task, or {@code null} (404) if no task has that name
     */
    @ReadOperation
    public TaskDescriptor task(@Selector String name) {
        return this.processes.find(name).map((process) -> TaskDescriptor.of(process.status())).orElse(null);
    }

    /**
     * Replaces all workers of a task, gracefully: a new worker is started for each, and each old one
     * serves until its replacement is ready, then stops after its current call.
     * @param name the task's name
     * @return the task after the restart was requested, or {@code null} (404) if no task has that name
     */
    @WriteOperation
    public TaskDescriptor restart(@Selector String name) {
        return this.processes.find(name).map((process) -> {
            process.restart();
            return TaskDescriptor.of(process.status());
        }).orElse(null);
    }

    /**
     * All tasks.
     * @param tasks the tasks by name
     */
    public record TasksDescriptor(Map<String, TaskDescriptor> tasks) {
    }

    /**
     * One task.
     * @param state the pool's state: {@code STARTING}, {@code RUNNING}, {@code CRASH_LOOP} or {@code CLOSED}
     * @param workers the live workers
     * @param calls calls that reached a worker or were rejected
     * @param failures calls where the task threw
     * @param crashes workers that died without being asked to
     * @param timeouts calls that ran past their timeout
     * @param restarts workers started to replace another
     * @param lastCrash the most recent crash, or {@code null}
     * @param retries attempts made again after a crash or timeout ({@code retries})
     * @param poisonRefusals calls refused because their input crashed too many workers
     * @param quarantinedInputs inputs refused now ({@code poison-threshold}); cleared by a restart
     */
    public record TaskDescriptor(String state, List<WorkerDescriptor> workers, long calls, long failures,
            long crashes, long timeouts, long restarts, CrashDescriptor lastCrash, long retries, long poisonRefusals,
            int quarantinedInputs) {

        static TaskDescriptor of(TaskStatus status) {
            List<WorkerDescriptor> workers = status.workers().stream().map(WorkerDescriptor::of).toList();
            CrashDescriptor lastCrash = (status.lastCrash() != null) ? CrashDescriptor.of(status.lastCrash()) : null;
            return new TaskDescriptor(status.state().name(), workers, status.calls(), status.failures(),
                    status.crashes(), status.timeouts(), status.restarts(), lastCrash, status.retries(),
                    status.poisonRefusals(), status.quarantinedInputs());
        }
    }

    /**
     * One worker process.
     * @param pid its process id
     * @param state {@code STARTING}, {@code IDLE}, {@code BUSY} or {@code STOPPING}
     * @param calls the calls it completed
     */
    public record WorkerDescriptor(long pid, String state, long calls) {

        static WorkerDescriptor of(WorkerStatus status) {
            return new WorkerDescriptor(status.pid(), status.state().name(), status.calls());
        }
    }

    /**
     * A worker's crash.
     * @param pid the worker's process id
     * @param cause the kind of crash, such as {@code native-crash} or {@code exit}
     * @param exitCode the exit status, or {@code null}
     * @param signal the signal's name, or {@code null}
     * @param fatalError the JVM's fatal error summary, or {@code null}
     * @param detail more on the cause, or {@code null}
     * @param stderrTail the last lines of the worker's stderr
     * @param time when the crash was noticed
     */
    public record CrashDescriptor(long pid, String cause, Integer exitCode, String signal, String fatalError,
            String detail, List<String> stderrTail, Instant time) {

        static CrashDescriptor of(CrashReport report) {
            return new CrashDescriptor(report.pid(), report.cause().tagValue(), report.exitCode(), report.signal(),
                    report.fatalError(), report.detail(), report.stderrTail(), report.time());
        }
    }
}
