package dev.tarnish.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Both ends of a socket in memory, for one thread: what is written is read back, in order, after
 * whatever the channel started with; reading past the end is end-of-stream.
 */
final class MemoryChannel implements ByteChannel {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private ByteBuffer readable;

    MemoryChannel() {
        this(new byte[0]);
    }

    MemoryChannel(byte[] input) {
        this.readable = ByteBuffer.wrap(input);
    }

    /** What has been written and not read yet. */
    byte[] written() {
        return this.written.toByteArray();
    }

    /** How many bytes are left to read. */
    int pending() {
        return this.readable.remaining() + this.written.size();
    }

    /** Adds a frame as a peer would send it, however malformed its body. */
    void frame(MessageType type, byte[] body) {
        ByteBuffer header = ByteBuffer.allocate(FrameChannel.HEADER_SIZE).putInt(body.length).put(type.code());
        this.written.write(header.array(), 0, header.capacity());
        this.written.write(body, 0, body.length);
    }

    @Override
    public int read(ByteBuffer dst) {
        if (!this.readable.hasRemaining()) {
            this.readable = ByteBuffer.wrap(this.written.toByteArray());
            this.written.reset();
        }
        if (!this.readable.hasRemaining()) {
            return -1;
        }
        int n = Math.min(dst.remaining(), this.readable.remaining());
        dst.put(this.readable.slice().limit(n));
        this.readable.position(this.readable.position() + n);
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        byte[] bytes = new byte[n];
        src.get(bytes);
        this.written.write(bytes, 0, n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
