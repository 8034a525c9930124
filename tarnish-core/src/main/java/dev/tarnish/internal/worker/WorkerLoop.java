package dev.tarnish.internal.worker;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;

import dev.tarnish.CallContext;
import dev.tarnish.Task;
import dev.tarnish.internal.protocol.CallHeaders;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.FrameChannel;
import dev.tarnish.internal.protocol.MessageType;
import dev.tarnish.internal.protocol.PayloadCodec;
import dev.tarnish.internal.protocol.ProtocolException;
import dev.tarnish.internal.protocol.RemoteErrors;

/**
 * Serves calls, one at a time, until the caller sends a shutdown message: decode the input, run the
 * task, send back the output or the exception. Anything the task throws, including an error while
 * decoding its input or encoding its output, becomes a {@code FAILURE} message and the loop goes on.
 *
 * <p>A {@code byte[]} input is read off the channel straight into the array the task gets, and a
 * {@code byte[]} output is written from the array the task returned (see {@link PayloadCodec}).
 */
final class WorkerLoop {

    private static final Logger logger = System.getLogger(WorkerLoop.class.getName());

    private final FrameChannel channel;

    private final Task<Object, Object> task;

    private final PayloadCodec codec;

    private final String taskName;

    private final CallContext context;

    /** The headers of the {@code CONTEXT} frame that came just before the next call, if any. */
    private Map<String, String> headers = Map.of();

    @SuppressWarnings("unchecked")
    WorkerLoop(FrameChannel channel, Task<?, ?> task, PayloadCodec codec, String taskName, CallContext context) {
        this.channel = channel;
        this.task = (Task<Object, Object>) task;
        this.codec = codec;
        this.taskName = taskName;
        this.context = context;
    }

    /**
     * Runs until a shutdown message arrives.
     * @throws IOException if the channel breaks or carries something that is not a call
     */
    void run() throws IOException {
        while (true) {
            Frame frame = this.channel.read(this.codec.byteStringTypes());
            switch (frame.type()) {
                case CONTEXT -> this.headers = CallHeaders.decode(frame.payload());
                case CALL -> serve(frame);
                case PING -> this.channel.write(Frame.empty(MessageType.PONG));
                case SHUTDOWN -> {
                    return;
                }
                default -> throw new ProtocolException("Unexpected " + frame.type() + " message in a worker");
            }
        }
    }

    private void serve(Frame call) throws IOException {
        Map<String, String> callHeaders = this.headers;
        this.headers = Map.of();
        Frame reply;
        CallContext.Scope scope = enter(callHeaders);
        try {
            Object input = this.codec.decodeCall(call);
            Object output = this.task.run(input);
            reply = this.codec.encodeResult(output);
            if (reply.bodyLength() > this.channel.maxFrameSize()) {
                throw new IllegalStateException("The output encodes to " + reply.bodyLength()
                        + " bytes, more than the maximum message size of " + this.channel.maxFrameSize());
            }
        }
        catch (Throwable ex) {
            // Errors too: a StackOverflowError is the task's failure, not the worker's. An
            // OutOfMemoryError never gets here, the JVM runs with -XX:+ExitOnOutOfMemoryError.
            reply = new Frame(MessageType.FAILURE, RemoteErrors.encode(ex));
            failed(scope, ex);
        }
        finally {
            leave(scope);
        }
        this.channel.write(reply);
    }

    private void failed(CallContext.Scope scope, Throwable error) {
        try {
            scope.error(error);
        }
        catch (RuntimeException ex) {
            logger.log(Level.WARNING, "Call context of task '" + this.taskName + "' failed to record an error", ex);
        }
    }

    private void leave(CallContext.Scope scope) {
        try {
            scope.close();
        }
        catch (RuntimeException ex) {
            logger.log(Level.WARNING, "Call context of task '" + this.taskName + "' failed to close", ex);
        }
    }

    /** The caller's context for one call; a context that fails is left out, the call goes on. */
    private CallContext.Scope enter(Map<String, String> callHeaders) {
        try {
            return this.context.enter(this.taskName, callHeaders);
        }
        catch (RuntimeException ex) {
            logger.log(Level.WARNING, "Call context of task '" + this.taskName + "' failed to enter; the call runs "
                    + "without it", ex);
            return CallContext.none().enter(this.taskName, callHeaders);
        }
    }
}
