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
 * <p>A small frame costs one system call each way: it is written from a direct buffer of this
 * channel's in one write (a call's context frame and the call together), and the reader reads
 * whatever has arrived into its own direct buffer and takes frames from there, instead of one read
 * for the header and another for the body. A round trip is two such calls on each side, and each
 * system call on a blocking socket costs about as much as encoding a small input.
 *
 * <p>A {@code byte[]} input or output travels as a frame whose body is one CBOR byte string, and it
 * is copied into no intermediate array on either side (see {@link Frame#byteString()}): a large
 * one goes out in one gathering write of the headers and the caller's array, and on the receiving
 * side its content is read straight into the array that is handed to the task or returned to the
 * caller. What copies remain are NIO's, between the heap array and its per-thread direct buffer, and
 * the kernel's.
 *
 * <p>Given {@linkplain SharedBodies shared memory}, a body of {@value SharedBodies#THRESHOLD} bytes
 * or more is copied into a region both processes have mapped, and only a small {@code SHARED} frame
 * that points to it goes over the socket; the reader returns the frame it stands for, so callers of
 * {@link #read} see no difference.
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

    /**
     * The size of each of the two direct buffers: frames up to this size (with a context frame
     * before them) go out in one write, and what arrives is read in pieces up to this size. Larger
     * bodies bypass the buffers.
     */
    static final int BUFFER_SIZE = 16 * 1024;

    private final ByteChannel channel;

    private final int maxFrameSize;

    /** The shared-memory path for large bodies, or {@code null} for the socket only. */
    private final SharedBodies shared;

    /** What has been read and not yet taken, between its position and its limit. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE).limit(0);

    /** Small frames, assembled to go out in one write. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

    /** The frame header, then the byte-string header of a large {@linkplain Frame#byteString() byte-string frame}. */
    private final ByteBuffer writeHeader = ByteBuffer.allocate(HEADER_SIZE + CborByteString.MAX_HEADER_SIZE);

    /**
     * Creates a frame channel.
     * @param channel the underlying channel, in blocking mode
     * @param maxFrameSize the largest body accepted or sent, in bytes
     */
    public FrameChannel(ByteChannel channel, int maxFrameSize) {
        this(channel, maxFrameSize, null);
    }

    /**
     * Creates a frame channel that sends large bodies through shared memory.
     * @param channel the underlying channel, in blocking mode
     * @param maxFrameSize the largest body accepted or sent, in bytes
     * @param shared this side's shared-memory path, or {@code null} for the socket only; a
     *     {@link MessageType#SHARED SHARED} frame received without one is a protocol error
     */
    public FrameChannel(ByteChannel channel, int maxFrameSize, SharedBodies shared) {
        this.channel = channel;
        this.maxFrameSize = maxFrameSize;
        this.shared = shared;
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
        long length = frame.bodyLength();
        if (length > this.maxFrameSize) {
            throw new ProtocolException("Message of " + length + " bytes is larger than the maximum of "
                    + this.maxFrameSize);
        }
        byte[] context = frame.context();
        if (this.shared != null && frame.type() != MessageType.CONTEXT && this.shared.wants(length)) {
            byte[] control = this.shared.put(frame, (int) length);
            if (control != null) {
                write(new Frame(MessageType.SHARED, control).withContext(context));
                return;
            }
        }
        long contextSize = (context != null) ? HEADER_SIZE + (long) context.length : 0;
        ByteBuffer buffer = this.writeBuffer.clear();
        if (contextSize + HEADER_SIZE + length <= buffer.capacity()) {
            // The usual case: everything in one write, so that the peer wakes once, to whole frames.
            if (context != null) {
                buffer.putInt(context.length).put(MessageType.CONTEXT.code()).put(context);
            }
            putHeaders(buffer, frame, (int) length);
            buffer.put(frame.payload());
            writeFully(buffer.flip());
            return;
        }
        if (context != null) {
            write(new Frame(MessageType.CONTEXT, context));
        }
        byte[] payload = frame.payload();
        this.writeHeader.clear();
        putHeaders(this.writeHeader, frame, (int) length);
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

    private static void putHeaders(ByteBuffer buffer, Frame frame, int length) {
        buffer.putInt(length).put(frame.type().code());
        if (frame.byteString()) {
            CborByteString.putHeader(buffer, frame.payload().length);
        }
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
        fill(HEADER_SIZE);
        int length = this.readBuffer.getInt();
        byte code = this.readBuffer.get();
        if (length < 0 || length > this.maxFrameSize) {
            throw new ProtocolException("Frame length " + Integer.toUnsignedString(length)
                    + " is outside the allowed range 0.." + this.maxFrameSize);
        }
        MessageType type = MessageType.of(code);
        if (length > 0 && byteStringTypes.contains(type)) {
            return readByteString(type, length);
        }
        byte[] payload = new byte[length];
        readFully(payload, 0, length);
        if (type == MessageType.SHARED) {
            if (this.shared == null) {
                throw new ProtocolException("A shared-memory frame on a channel without shared memory");
            }
            return this.shared.take(payload, byteStringTypes);
        }
        return new Frame(type, payload);
    }

    /**
     * Reads the body of a frame expected to be one byte string. The length it declares must be
     * exactly what is left of the frame, which is within the maximum, so the array is allocated only
     * after it is known to be no larger than the frame already allowed.
     */
    private Frame readByteString(MessageType type, int length) throws IOException {
        // The header is at most 9 bytes, never past the frame.
        fill(Math.min(length, CborByteString.MAX_HEADER_SIZE));
        ByteBuffer buffer = this.readBuffer;
        int header = CborByteString.headerSize(buffer.get(buffer.position()));
        if (header < 0) {
            // CBOR null, or a form only Jackson reads: the body whole, as a plain frame.
            byte[] payload = new byte[length];
            readFully(payload, 0, length);
            return new Frame(type, payload);
        }
        if (header > length) {
            throw new ProtocolException("Frame of " + length + " bytes ends inside a byte string header of "
                    + header + " bytes");
        }
        long declared = CborByteString.contentLength(buffer, header);
        if (declared != length - header) {
            throw new ProtocolException("Byte string of " + Long.toUnsignedString(declared) + " bytes in a frame with "
                    + (length - header) + " bytes after its header");
        }
        buffer.position(buffer.position() + header);
        byte[] content = new byte[length - header];
        readFully(content, 0, content.length);
        return new Frame(type, content, true);
    }

    /**
     * Makes at least {@code count} bytes (at most the buffer's size) ready in the read buffer, reading
     * whatever more has arrived with them.
     */
    private void fill(int count) throws IOException {
        ByteBuffer buffer = this.readBuffer;
        if (buffer.remaining() >= count) {
            return;
        }
        buffer.compact();
        try {
            while (buffer.position() < count) {
                if (this.channel.read(buffer) < 0) {
                    throw new EOFException("Channel closed by the peer");
                }
            }
        }
        finally {
            buffer.flip();
        }
    }

    /** Reads exactly {@code length} bytes into the array: what is buffered first, then the rest. */
    private void readFully(byte[] target, int offset, int length) throws IOException {
        ByteBuffer buffer = this.readBuffer;
        int buffered = Math.min(length, buffer.remaining());
        buffer.get(target, offset, buffered);
        int rest = length - buffered;
        if (rest == 0) {
            return;
        }
        if (rest < buffer.capacity()) {
            // A small rest: through the buffer, with whatever follows it.
            fill(rest);
            buffer.get(target, offset + buffered, rest);
            return;
        }
        // A large body: straight into the array, in slices.
        ByteBuffer direct = ByteBuffer.wrap(target, offset + buffered, rest);
        int end = direct.limit();
        while (direct.position() < end) {
            direct.limit(Math.min(end, direct.position() + IO_SLICE));
            if (this.channel.read(direct) < 0) {
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
        try {
            this.channel.close();
        }
        finally {
            if (this.shared != null) {
                this.shared.readerClosed();
            }
        }
    }
}
