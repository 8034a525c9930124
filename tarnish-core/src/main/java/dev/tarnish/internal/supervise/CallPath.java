package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import dev.tarnish.CallOutcome;
import dev.tarnish.CrashCause;
import dev.tarnish.RemoteFailure;
import dev.tarnish.TarnishException;
import dev.tarnish.TaskFailedException;
import dev.tarnish.TaskSettings;
import dev.tarnish.TaskTimeoutException;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.MessageType;
import dev.tarnish.internal.protocol.PayloadCodec;
import dev.tarnish.internal.protocol.ProtocolException;
import dev.tarnish.internal.protocol.RemoteErrors;
import tools.jackson.core.JacksonException;

/**
 * One attempt of a call on the worker that holds it, read top to bottom: write the call, read the
 * reply, work out the one outcome, hand the worker back to the pool exactly once (kept if it answered,
 * lost if it died or was killed). No hand-off to another thread. The outcome comes back as a
 * {@link CallEnding}, for the caller to retry, count and return or throw.
 */
final class CallPath {

    private final String name;

    private final TaskSettings settings;

    private final PayloadCodec codec;

    private final PoolEvents events;

    private final ScheduledExecutorService scheduler;

    private final Workers workers;

    private final Refusals refusals;

    CallPath(String name, TaskSettings settings, PayloadCodec codec, PoolEvents events,
            ScheduledExecutorService scheduler, Workers workers) {
        this.name = name;
        this.settings = settings;
        this.codec = codec;
        this.events = events;
        this.scheduler = scheduler;
        this.workers = workers;
        this.refusals = new Refusals(name);
    }

    /**
     * Checks and encodes a caller's input, before any worker is involved.
     * @param input the input
     * @return the call frame
     * @throws IllegalArgumentException if the input is null, of another type, not encodable or too large
     */
    Frame encode(Object input) {
        return encode(this.name, this.settings, this.codec, input);
    }

    /**
     * Checks a timeout a caller passed.
     * @param timeout the timeout
     * @throws IllegalArgumentException if it is not positive
     */
    static void requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Timeout must be positive, was " + timeout);
        }
    }

    /** {@link #encode(Object)} for any task: also what an in-process task checks. */
    static Frame encode(String name, TaskSettings settings, PayloadCodec codec, Object input) {
        codec.types().checkInput(name, input);
        Frame call;
        try {
            call = codec.encodeCall(input);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Task '" + name + "' cannot encode its input: "
                    + ex.getOriginalMessage(), ex);
        }
        if (call.bodyLength() > settings.maxFrameSize()) {
            throw new IllegalArgumentException("Task '" + name + "': the input encodes to " + call.bodyLength()
                    + " bytes, more than the maximum message size of " + settings.maxFrameSize());
        }
        return call;
    }

    /** The failure of a call whose worker answered with bytes that are not an output. */
    static TarnishException undecodableOutput(String name, long pid, PayloadCodec codec, JacksonException ex) {
        return new TarnishException(name, pid, "Task '" + name + "': the output cannot be decoded as "
                + codec.types().output().toCanonical() + ": " + ex.getOriginalMessage(), ex);
    }

    /**
     * Runs one attempt of a call on the worker assigned to it, on the calling thread, and hands the
     * worker back. Reports a crash, but does not count the call: the caller counts it once it knows
     * it will not try again.
     * @param worker the worker, in this call's hands
     * @param call the encoded input
     * @param guard the attempt's guard, not started
     * @param timeout the call's timeout, or {@code null} for none
     * @return how the attempt ended
     */
    CallEnding run(WorkerProcess worker, Frame call, CallGuard guard, Duration timeout) {
        boolean started;
        try {
            started = guard.start(worker, this.scheduler, timeout);
        }
        catch (RejectedExecutionException ex) {
            // The pool closed on the call's way to the worker, which never saw it.
            this.workers.giveBackUnused(worker);
            return rejected(this.refusals.closed(ex));
        }
        if (!started) {
            // Cancelled on its way to the worker, which never saw it.
            this.workers.giveBackUnused(worker);
            return cancelled();
        }
        Frame reply;
        boolean sent = false;
        try {
            if (!worker.process().isAlive()) {
                // Died while idle, before its exit was seen: the call never reaches it.
                throw new IOException("the worker was dead before the call was sent");
            }
            worker.send(call);
            sent = true;
            reply = worker.receive(this.codec.byteStringTypes());
        }
        catch (IOException ex) {
            return broken(worker, ex, guard.finish(), timeout, sent);
        }
        catch (RuntimeException | Error ex) {
            // Something unforeseen (an OutOfMemoryError while reading the reply, say) left the worker in
            // an unknown state: it goes, its slot is not lost, and the caller gets the error as it is.
            guard.finish();
            lose(worker);
            return CallEnding.failed(CallOutcome.FAILURE, ex);
        }
        CallGuard.Ending ending = guard.finish();
        if (ending != CallGuard.Ending.FINISHED) {
            // The deadline or a cancellation killed the worker just as its reply came in.
            return broken(worker, new IOException("killed"), ending, timeout, true);
        }
        return answered(worker, reply);
    }

    /**
     * A call that no worker would serve.
     * @param refusal why
     * @return its ending
     */
    static CallEnding rejected(RuntimeException refusal) {
        return CallEnding.failed(CallOutcome.REJECTED, refusal);
    }

    /**
     * A call its caller cancelled.
     * @return its ending
     */
    CallEnding cancelled() {
        return rejected(new CancellationException("Call of task '" + this.name + "' cancelled"));
    }

    /** The worker wrote a whole reply: it is healthy and free again whatever the reply says. */
    private CallEnding answered(WorkerProcess worker, Frame reply) {
        if (reply.type() == MessageType.FAILURE) {
            RemoteFailure remote;
            try {
                remote = RemoteErrors.decode(reply.payload());
            }
            catch (ProtocolException ex) {
                return protocolError(worker, ex);
            }
            this.workers.giveBack(worker);
            return CallEnding.failed(CallOutcome.FAILURE, new TaskFailedException(this.name, worker.pid(), remote));
        }
        if (reply.type() != MessageType.RESULT) {
            return protocolError(worker, new ProtocolException("Unexpected " + reply.type()
                    + " message in reply to a call"));
        }
        this.workers.giveBack(worker);
        try {
            return CallEnding.success(this.codec.decodeResult(reply));
        }
        catch (JacksonException ex) {
            return CallEnding.failed(CallOutcome.FAILURE, undecodableOutput(this.name, worker.pid(), this.codec, ex));
        }
    }

    /** The read or write failed: the worker is gone, and the guard and the failure tell why. */
    private CallEnding broken(WorkerProcess worker, IOException ex, CallGuard.Ending ending, Duration timeout,
            boolean sent) {
        if (ending == CallGuard.Ending.TIMED_OUT) {
            lose(worker);
            return CallEnding.failed(CallOutcome.TIMEOUT, new TaskTimeoutException(this.name, worker.pid(), timeout));
        }
        if (ending == CallGuard.Ending.CANCELLED) {
            lose(worker);
            return cancelled();
        }
        if (ex instanceof ClosedByInterruptException) {
            lose(worker);
            Thread.currentThread().interrupt();
            return rejected(new TarnishException(this.name, worker.pid(), "Call of task '" + this.name
                    + "' interrupted; worker " + worker.pid() + " was killed", ex));
        }
        if (this.workers.isClosed()) {
            lose(worker);
            return rejected(this.refusals.closedDuringCall(ex));
        }
        if (ex instanceof ProtocolException protocolException) {
            return protocolError(worker, protocolException);
        }
        // The replacement starts before the report is collected: the next caller should not wait for both.
        // No kill: the worker is exiting by itself, and its own exit status tells why.
        worker.closeChannel();
        this.workers.lose(worker);
        return crashed(worker, null, null, sent);
    }

    private CallEnding protocolError(WorkerProcess worker, ProtocolException ex) {
        lose(worker);
        return crashed(worker, CrashCause.PROTOCOL_ERROR, ex.getMessage(), true);
    }

    private CallEnding crashed(WorkerProcess worker, CrashCause knownCause, String detail, boolean reachedWorker) {
        var report = worker.crashReport(knownCause, detail);
        this.events.workerCrashed(report);
        return CallEnding.crashed(new WorkerCrashedException(report), reachedWorker);
    }

    private void lose(WorkerProcess worker) {
        worker.kill();
        this.workers.lose(worker);
    }

    /**
     * Where a call leaves its worker: the pool.
     */
    interface Workers {

        /**
         * Takes back a worker that answered.
         * @param worker the worker
         */
        void giveBack(WorkerProcess worker);

        /**
         * Takes back a worker that was assigned to a call that never reached it.
         * @param worker the worker
         */
        void giveBackUnused(WorkerProcess worker);

        /**
         * Forgets a worker that died or was killed during the call, and has it replaced.
         * @param worker the worker, dead or killed, its channel closed
         */
        void lose(WorkerProcess worker);

        /**
         * Tells whether the pool was closed.
         * @return whether it was
         */
        boolean isClosed();
    }
}
