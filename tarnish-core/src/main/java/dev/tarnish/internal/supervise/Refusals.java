package dev.tarnish.internal.supervise;

import java.time.Duration;

import dev.tarnish.WorkerUnavailableException;
import dev.tarnish.WorkerUnavailableException.Reason;

/**
 * Every way a task refuses a call, as the {@link WorkerUnavailableException} its caller gets: one
 * place for the reasons and their messages.
 */
final class Refusals {

    private final String name;

    Refusals(String name) {
        this.name = name;
    }

    WorkerUnavailableException closed(Throwable cause) {
        return new WorkerUnavailableException(this.name, Reason.CLOSED, "Task '" + this.name + "' is closed", cause);
    }

    WorkerUnavailableException closedDuringCall(Throwable cause) {
        return new WorkerUnavailableException(this.name, Reason.CLOSED, "Task '" + this.name
                + "' was closed during the call", cause);
    }

    WorkerUnavailableException crashLoop(int failuresInRow, Throwable lastFailure) {
        return new WorkerUnavailableException(this.name, Reason.CRASH_LOOP, "Task '" + this.name
                + "': workers keep failing to start (" + failuresInRow + " in a row); calls are rejected until one"
                + " starts", lastFailure);
    }

    WorkerUnavailableException queueFull(int waiting) {
        return new WorkerUnavailableException(this.name, Reason.QUEUE_FULL, "Task '" + this.name + "': " + waiting
                + " calls are already waiting for a worker, the most allowed (max-queued-calls)", null);
    }

    WorkerUnavailableException mayNotWait(Throwable lastFailure) {
        return new WorkerUnavailableException(this.name, Reason.NO_IDLE_WORKER, "Task '" + this.name
                + "': no worker is free and calls may not wait (acquire timeout 0)", lastFailure);
    }

    WorkerUnavailableException waitedTooLong(Duration acquireTimeout, String situation, Throwable lastFailure) {
        return new WorkerUnavailableException(this.name, Reason.NO_IDLE_WORKER, "Task '" + this.name
                + "': no worker became free within " + acquireTimeout + " (" + situation + ")", lastFailure);
    }

    WorkerUnavailableException alreadyInterrupted() {
        return new WorkerUnavailableException(this.name, Reason.NO_IDLE_WORKER, "Call of task '" + this.name
                + "' not started: the calling thread is interrupted", null);
    }

    WorkerUnavailableException interruptedWhileWaiting(InterruptedException cause) {
        return new WorkerUnavailableException(this.name, Reason.NO_IDLE_WORKER, "Interrupted while waiting for a"
                + " worker of task '" + this.name + "'", cause);
    }

    WorkerUnavailableException insideWorker() {
        return new WorkerUnavailableException(this.name, Reason.INSIDE_WORKER, "Task '" + this.name
                + "' cannot be called inside a worker process: workers never start workers of their own", null);
    }
}
