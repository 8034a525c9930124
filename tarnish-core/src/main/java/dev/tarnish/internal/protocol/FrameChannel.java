package dev.tarnish.internal.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.util.Set;

/**
 * Reads and writes {@link Frame frames} on a byte channel: a 4-byte big-endian body length, a type
 * byte, then the body. The length is checked against the maximum before anything is allocated, so a
 * corrupt or hostile length can never cost more than {@code maxFrameSize} bytes of heap.
 *
 * <p>A {@code byte[]} input or output travels as a frame whose body is one CBOR byte string, and it
 * is copied into no intermediate array on either side (see {@link Frame#byteString()}): the frame
 * header and the byte-string header go out in one gathering write with the caller's array, and on
 * the receiving side the two headers are read first and then the content straight into the
 * array that is handed to the task or returned to the caller. What copies remain are NIO's, between
 * the heap array and its per-thread direct buffer, and the kernel's.
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
     * large the payload. Reading and writing through a direct buffer of our own instead saves no copy
     * (the array still has to be copied in or out of it) and measured no faster at 32 MiB.
     */
    private static final int IO_SLICE = 256 * 1024;

    private final ByteChannel channel;

    private final int maxFrameSize;

    private final ByteBuffer readHeader = ByteBuffer.allocate(HEADER_SIZE);

    /** The frame header, then the byte-string header of a {@linkplain Frame#byteString() byte-string frame}. */
    private final ByteBuffer writeHeader = ByteBuffer.allocate(HEADER_SIZE + CborByteString.MAX_HEADER_SIZE);

    /** The first bytes of a byte-string frame's body: its header and perhaps the content's start. */
    private final ByteBuffer readPrefix = ByteBuffer.allocate(CborByteString.MAX_HEADER_SIZE);

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
        write(new Frame(type, payload));
    }

    /**
     * Writes one frame, after its {@linkplain Frame#context() context} if it has one; the payload of a
     * {@linkplain Frame#byteString() byte-string frame} follows its byte-string header without being
     * copied into a body array first.
     * @param frame the frame
     * @throws ProtocolException if the body is larger than the maximum
     * @throws IOException if the channel fails
     */
    public void write(Frame frame) throws IOException {
        if (frame.context() != null) {
            write(new Frame(MessageType.CONTEXT, frame.context()));
        }
        long length = frame.bodyLength();
        if (length > this.maxFrameSize) {
            throw new ProtocolException("Message of " + length + " bytes is larger than the maximum of "
                    + this.maxFrameSize);
        }
        byte[] payload = frame.payload();
        this.writeHeader.clear();
        this.writeHeader.putInt((int) length).put(frame.type().code());
        if (frame.byteString()) {
            CborByteString.putHeader(this.writeHeader, payload.length);
        }
        this.writeHeader.flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        if (this.channel instanceof GatheringByteChannel gathering) {
            // Headers and body in one system call: the peer wakes up once, to a whole frame, instead of
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
     * Reads one frame, blocking until it has arrived whole.
     * @return the frame, never a {@linkplain Frame#byteString() byte-string frame}
     * @throws EOFException if the channel ends, at a frame boundary or inside one
     * @throws ProtocolException if the length or the type is invalid
     * @throws IOException if the channel fails
     */
    public Frame read() throws IOException {
        return read(Set.of());
    }

    /**
     * Reads one frame, blocking until it has arrived whole. A frame of one of {@code byteStringTypes}
     * whose body is a definite-length CBOR byte string is returned as a {@linkplain Frame#byteString()
     * byte-string frame}, its content read straight into an array of its size. Any other body (CBOR
     * null, an indefinite-length string, another value) is returned whole, for Jackson.
     * @param byteStringTypes the types whose body is expected to be a byte string
     * @return the frame
     * @throws EOFException if the channel ends, at a frame boundary or inside one
     * @throws ProtocolException if the length or the type is invalid, or a byte string's declared
     *     length is not exactly what is left of its frame
     * @throws IOException if the channel fails
     */
    public Frame read(Set<MessageType> byteStringTypes) throws IOException {
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
        if (length > 0 && byteStringTypes.contains(type)) {
            return readByteString(type, length);
        }
        byte[] payload = new byte[length];
        readFully(ByteBuffer.wrap(payload));
        return new Frame(type, payload);
    }

    /**
     * Reads the body of a frame expected to be one byte string. The length it declares must be
     * exactly what is left of the frame, which is within the maximum, so the array is allocated only
     * after it is known to be no larger than the frame already allowed.
     */
    private Frame readByteString(MessageType type, int length) throws IOException {
        // The header is at most 9 bytes; read that much at once (but never past the frame), so a
        // small header costs one read and the content bytes it brings along are kept.
        ByteBuffer prefix = this.readPrefix.clear().limit(Math.min(length, CborByteString.MAX_HEADER_SIZE));
        readFully(prefix);
        prefix.flip();
        int header = CborByteString.headerSize(prefix.get(0));
        if (header < 0) {
            // CBOR null, or a form only Jackson reads: the body whole, as a plain frame.
            byte[] payload = new byte[length];
            int read = prefix.remaining();
            prefix.get(payload, 0, read);
            readFully(ByteBuffer.wrap(payload, read, length - read));
            return new Frame(type, payload);
        }
        if (header > length) {
            throw new ProtocolException("Frame of " + length + " bytes ends inside a byte string header of "
                    + header + " bytes");
        }
        long declared = CborByteString.contentLength(prefix, header);
        if (declared != length - header) {
            throw new ProtocolException("Byte string of " + Long.toUnsignedString(declared) + " bytes in a frame with "
                    + (length - header) + " bytes after its header");
        }
        byte[] content = new byte[length - header];
        prefix.position(header);
        int read = prefix.remaining();
        prefix.get(content, 0, read);
        readFully(ByteBuffer.wrap(content, read, content.length - read));
        return new Frame(type, content, true);
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
