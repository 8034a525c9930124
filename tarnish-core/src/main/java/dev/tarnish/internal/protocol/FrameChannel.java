package dev.tarnish.internal.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;

/**
 * Reads and writes {@link Frame frames} on a byte channel: a 4-byte big-endian body length, a type
 * byte, then the body. The length is checked against the maximum before anything is allocated, so a
 * corrupt or hostile length can never cost more than {@code maxFrameSize} bytes of heap.
 *
 * <p>Not thread-safe for concurrent reads or concurrent writes; one reader and one writer may run at
 * the same time.
 */
public final class FrameChannel implements AutoCloseable {

    /** Bytes before the body: the length and the type. */
    public static final int HEADER_SIZE = 5;

    /**
     * Largest slice handed to the channel at once. NIO copies heap buffers through a temporary
     * direct buffer of the slice's size, cached per thread: slicing keeps that cache small however
     * large the payload.
     */
    private static final int IO_SLICE = 256 * 1024;

    private final ByteChannel channel;

    private final int maxFrameSize;

    private final ByteBuffer readHeader = ByteBuffer.allocate(HEADER_SIZE);

    private final ByteBuffer writeHeader = ByteBuffer.allocate(HEADER_SIZE);

    /**
     * Creates a frame channel.
     * @param channel the underlying channel, in blocking mode
     * @param maxFrameSize the largest body accepted or sent, in bytes
     */
    public FrameChannel(ByteChannel channel, int maxFrameSize) {
        this.channel = channel;
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * Writes one frame.
     * @param type the message type
     * @param payload the body
     * @throws ProtocolException if the body is larger than the maximum
     * @throws IOException if the channel fails
     */
    public void write(MessageType type, byte[] payload) throws IOException {
        if (payload.length > this.maxFrameSize) {
            throw new ProtocolException("Message of " + payload.length + " bytes is larger than the maximum of "
                    + this.maxFrameSize);
        }
        this.writeHeader.clear();
        this.writeHeader.putInt(payload.length).put(type.code()).flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        if (this.channel instanceof GatheringByteChannel gathering) {
            // Header and body in one system call: the peer wakes up once, to a whole frame, instead of
            // waking for the header and blocking again until the body follows.
            ByteBuffer[] buffers = { this.writeHeader, body };
            int end = payload.length;
            while (this.writeHeader.hasRemaining() || body.position() < end) {
                body.limit(Math.min(end, body.position() + IO_SLICE));
                gathering.write(buffers);
            }
            return;
        }
        writeFully(this.writeHeader);
        writeFully(body);
    }

    /**
     * Returns the largest body this channel reads or writes.
     * @return the maximum frame size, in bytes
     */
    public int maxFrameSize() {
        return this.maxFrameSize;
    }

    /**
     * Writes one frame.
     * @param frame the frame
     * @throws IOException if the channel fails or the body is too large
     */
    public void write(Frame frame) throws IOException {
        write(frame.type(), frame.payload());
    }

    /**
     * Reads one frame, blocking until it has arrived whole.
     * @return the frame
     * @throws EOFException if the channel ends, at a frame boundary or inside one
     * @throws ProtocolException if the length or the type is invalid
     * @throws IOException if the channel fails
     */
    public Frame read() throws IOException {
        this.readHeader.clear();
        readFully(this.readHeader);
        this.readHeader.flip();
        int length = this.readHeader.getInt();
        byte code = this.readHeader.get();
        if (length < 0 || length > this.maxFrameSize) {
            throw new ProtocolException("Frame length " + Integer.toUnsignedString(length)
                    + " is outside the allowed range 0.." + this.maxFrameSize);
        }
        MessageType type = MessageType.of(code);
        byte[] payload = new byte[length];
        readFully(ByteBuffer.wrap(payload));
        return new Frame(type, payload);
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        int end = buffer.limit();
        while (buffer.position() < end) {
            buffer.limit(Math.min(end, buffer.position() + IO_SLICE));
            if (this.channel.read(buffer) < 0) {
                throw new EOFException("Channel closed by the peer");
            }
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        int end = buffer.limit();
        while (buffer.position() < end) {
            buffer.limit(Math.min(end, buffer.position() + IO_SLICE));
            this.channel.write(buffer);
        }
    }

    /**
     * Closes the underlying channel; a blocked read or write on another thread ends with an exception.
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        this.channel.close();
    }
}
