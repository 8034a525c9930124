package dev.tarnish;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a task's pool: its workers and what its calls came to since it was created.
 *
 * @param name the task's name
 * @param state the pool's state
 * @param workers the live workers, including those starting
 * @param calls calls that reached a worker or were rejected, whatever their outcome
 * @param failures calls where the task threw
 * @param crashes workers that died without being asked to, during a call, while idle or at start-up
 * @param timeouts calls that ran past their timeout
 * @param restarts workers started to replace one that died, was recycled or was restarted
 * @param rejected calls no worker could serve
 * @param lastCrash the most recent crash, or {@code null}
 * @param retries attempts made again after a crash or timeout ({@link TaskSettings#retries()})
 * @param poisonRefusals calls refused because their input crashed too many workers
 * @param quarantinedInputs inputs refused now ({@link TaskSettings#poisonThreshold()})
 */
public record TaskStatus(String name, TaskState state, List<WorkerStatus> workers, long calls, long failures,
        long crashes, long timeouts, long restarts, long rejected, CrashReport lastCrash, long retries,
        long poisonRefusals, int quarantinedInputs) {

    /**
     * Checks the fields.
     */
    public TaskStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        workers = List.copyOf(workers);
    }

    /**
     * Counts the workers in a given state.
     *
     * @param workerState the state
     * @return how many workers are in it
     */
    public long countWorkers(WorkerState workerState) {
        return this.workers.stream().filter((worker) -> worker.state() == workerState).count();
    }
}
