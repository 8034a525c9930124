package dev.tarnish.internal.worker;

import java.io.IOException;

import dev.tarnish.Task;
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

    private final FrameChannel channel;

    private final Task<Object, Object> task;

    private final PayloadCodec codec;

    @SuppressWarnings("unchecked")
    WorkerLoop(FrameChannel channel, Task<?, ?> task, PayloadCodec codec) {
        this.channel = channel;
        this.task = (Task<Object, Object>) task;
        this.codec = codec;
    }

    /**
     * Runs until a shutdown message arrives.
     * @throws IOException if the channel breaks or carries something that is not a call
     */
    void run() throws IOException {
        while (true) {
            Frame frame = this.channel.read(this.codec.byteStringTypes());
            switch (frame.type()) {
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
        Frame reply;
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
        }
        this.channel.write(reply);
    }
}
