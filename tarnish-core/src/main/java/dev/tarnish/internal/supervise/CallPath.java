package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import dev.tarnish.CallOutcome;
import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;
import dev.tarnish.RemoteFailure;
import dev.tarnish.TarnishException;
import dev.tarnish.TaskFailedException;
import dev.tarnish.TaskSettings;
import dev.tarnish.TaskTimeoutException;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.WorkerUnavailableException;
import dev.tarnish.WorkerUnavailableException.Reason;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.PayloadCodec;
import dev.tarnish.internal.protocol.ProtocolException;
import dev.tarnish.internal.protocol.RemoteErrors;
import tools.jackson.core.JacksonException;

/**
 * One call, from the caller to a worker and back, on the caller's thread: check and encode the
 * input, take a worker, write the call, read the reply, then give the worker back, or report it
 * dead and typed: a timeout, a crash, a protocol error. No hand-off to another thread on the way.
 */
final class CallPath {

    private final String name;

    private final TaskSettings settings;

    private final PayloadCodec codec;

    private final PoolEvents events;

    private final ScheduledExecutorService scheduler;

    private final Workers workers;

    CallPath(String name, TaskSettings settings, PayloadCodec codec, PoolEvents events,
            ScheduledExecutorService scheduler, Workers workers) {
        this.name = name;
        this.settings = settings;
        this.codec = codec;
        this.events = events;
        this.scheduler = scheduler;
        this.workers = workers;
    }

    /**
     * Checks and encodes a caller's input, before any worker is involved.
     * @param input the input
     * @return the call frame
     * @throws IllegalArgumentException if the input is null, of another type, not encodable or too large
     */
    Frame encode(Object input) {
        this.codec.types().checkInput(this.name, input);
        Frame call;
        try {
            call = this.codec.encodeCall(input);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Task '" + this.name + "' cannot encode its input: "
                    + ex.getOriginalMessage(), ex);
        }
        if (call.bodyLength() > this.settings.maxFrameSize()) {
            throw new IllegalArgumentException("Task '" + this.name + "': the input encodes to " + call.bodyLength()
                    + " bytes, more than the maximum message size of " + this.settings.maxFrameSize());
        }
        return call;
    }

    /**
     * Runs one call: takes a worker, sends the call, reads the reply, gives the worker back or
     * reports it dead.
     * @param call the encoded input
     * @param timeout the call's timeout, or {@code null} for none
     * @param <O> the output type
     * @return the output
     */
    <O> O send(Frame call, Duration timeout) {
        long start = System.nanoTime();
        if (Thread.currentThread().isInterrupted()) {
            // Nothing sent yet: fail here rather than kill a healthy worker in the first write.
            this.events.callCompleted(CallOutcome.REJECTED, start);
            throw new WorkerUnavailableException(this.name, Reason.NO_IDLE_WORKER, "Call of task '" + this.name
                    + "' not started: the calling thread is interrupted", null);
        }
        WorkerProcess worker;
        try {
            worker = this.workers.acquire(start);
        }
        catch (WorkerUnavailableException ex) {
            this.events.callCompleted(CallOutcome.REJECTED, start);
            throw ex;
        }
        CallDeadline deadline = (timeout != null) ? CallDeadline.arm(this.scheduler, worker, timeout) : null;
        try {
            Frame reply;
            try {
                reply = worker.exchange(call, this.codec.byteStringTypes());
            }
            catch (IOException ex) {
                throw brokenCall(worker, ex, deadline, timeout, start);
            }
            if (deadline != null && !deadline.disarm()) {
                throw brokenCall(worker, new IOException("killed at the deadline"), deadline, timeout, start);
            }
            return handleReply(worker, reply, start);
        }
        catch (RuntimeException | Error ex) {
            if (worker.leased()) {
                // Something unforeseen (an OutOfMemoryError reading a reply, say) left the worker in the
                // caller's hands: it is in an unknown state, so it goes, and its slot is not lost.
                if (deadline != null) {
                    deadline.disarm();
                }
                worker.kill();
                this.workers.discard(worker);
            }
            throw ex;
        }
    }


    private <O> O handleReply(WorkerProcess worker, Frame reply, long start) {
        switch (reply.type()) {
            case RESULT -> {
                try {
                    O output = this.codec.decodeResult(reply);
                    this.workers.release(worker);
                    this.events.callCompleted(CallOutcome.SUCCESS, start);
                    return output;
                }
                catch (JacksonException ex) {
                    this.workers.release(worker);
                    this.events.callCompleted(CallOutcome.FAILURE, start);
                    throw new TarnishException(this.name, worker.pid(), "Task '" + this.name
                            + "': the output cannot be decoded as " + this.codec.types().output().toCanonical()
                            + ": " + ex.getOriginalMessage(), ex);
                }
            }
            case FAILURE -> {
                RemoteFailure remote;
                try {
                    remote = RemoteErrors.decode(reply.payload());
                }
                catch (ProtocolException ex) {
                    throw protocolError(worker, ex, start);
                }
                this.workers.release(worker);
                this.events.callCompleted(CallOutcome.FAILURE, start);
                throw new TaskFailedException(this.name, worker.pid(), remote);
            }
            default -> throw protocolError(worker, new ProtocolException("Unexpected " + reply.type()
                    + " message in reply to a call"), start);
        }
    }

    private RuntimeException brokenCall(WorkerProcess worker, IOException ex, CallDeadline deadline, Duration timeout,
            long start) {
        if (deadline != null && (deadline.fired() || !deadline.disarm())) {
            worker.kill();
            this.workers.discard(worker);
            this.events.callCompleted(CallOutcome.TIMEOUT, start);
            return new TaskTimeoutException(this.name, worker.pid(), timeout);
        }
        if (ex instanceof ClosedByInterruptException) {
            worker.kill();
            this.workers.discard(worker);
            this.events.callCompleted(CallOutcome.REJECTED, start);
            Thread.currentThread().interrupt();
            return new TarnishException(this.name, worker.pid(), "Call of task '" + this.name
                    + "' interrupted; worker " + worker.pid() + " was killed", ex);
        }
        if (this.workers.isClosed()) {
            worker.kill();
            this.workers.discard(worker);
            this.events.callCompleted(CallOutcome.REJECTED, start);
            return new WorkerUnavailableException(this.name, Reason.CLOSED, "Task '" + this.name
                    + "' was closed during the call", ex);
        }
        if (ex instanceof ProtocolException protocolException) {
            return protocolError(worker, protocolException, start);
        }
        // The replacement starts before the report is collected: the next caller should not wait for both.
        this.workers.discard(worker);
        return crashed(worker.crashReport(null, null), start);
    }

    private RuntimeException protocolError(WorkerProcess worker, ProtocolException ex, long start) {
        worker.kill();
        this.workers.discard(worker);
        return crashed(worker.crashReport(CrashCause.PROTOCOL_ERROR, ex.getMessage()), start);
    }

    private RuntimeException crashed(CrashReport report, long start) {
        this.events.workerCrashed(report);
        this.events.callCompleted(CallOutcome.CRASH, start);
        return new WorkerCrashedException(report);
    }

    /**
     * Where a call gets its worker and leaves it afterwards: the pool.
     */
    interface Workers {

        /**
         * Takes an idle worker, waiting up to the acquire timeout from {@code startNanos}.
         * @param startNanos when the call started
         * @return the worker, now busy
         * @throws WorkerUnavailableException if none can serve
         */
        WorkerProcess acquire(long startNanos);

        /**
         * Gives back a worker that answered.
         * @param worker the worker
         */
        void release(WorkerProcess worker);

        /**
         * Forgets a worker that died or was killed during the call, and has it replaced.
         * @param worker the worker
         */
        void discard(WorkerProcess worker);

        /**
         * Tells whether the pool was closed.
         * @return whether it was
         */
        boolean isClosed();
    }
}
