package dev.tarnish.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of a message body, checking every length against what is left, so a malformed
 * body raises a {@link ProtocolException} and never a runtime exception or a large allocation.
 */
final class WireInput {

    private final ByteBuffer buffer;

    WireInput(byte[] body) {
        this.buffer = ByteBuffer.wrap(body);
    }

    byte readByte() throws ProtocolException {
        need(1);
        return this.buffer.get();
    }

    int readInt() throws ProtocolException {
        need(4);
        return this.buffer.getInt();
    }

    long readLong() throws ProtocolException {
        need(8);
        return this.buffer.getLong();
    }

    byte[] readBytes() throws ProtocolException {
        int length = readLength();
        byte[] bytes = new byte[length];
        this.buffer.get(bytes);
        return bytes;
    }

    /** Reads a string written by {@link WireOutput#writeString}; {@code null} is kept. */
    String readString() throws ProtocolException {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > this.buffer.remaining()) {
            throw new ProtocolException("String length " + length + " exceeds the " + this.buffer.remaining()
                    + " bytes left in the message");
        }
        String value = new String(this.buffer.array(), this.buffer.position(), length, StandardCharsets.UTF_8);
        this.buffer.position(this.buffer.position() + length);
        return value;
    }

    /** Reads a count of items that each take at least {@code minItemSize} bytes. */
    int readCount(int minItemSize) throws ProtocolException {
        int count = readInt();
        if (count < 0 || (long) count * minItemSize > this.buffer.remaining()) {
            throw new ProtocolException("Count " + count + " does not fit in the " + this.buffer.remaining()
                    + " bytes left in the message");
        }
        return count;
    }

    void expectEnd() throws ProtocolException {
        if (this.buffer.hasRemaining()) {
            throw new ProtocolException(this.buffer.remaining() + " unexpected bytes at the end of the message");
        }
    }

    private int readLength() throws ProtocolException {
        int length = readInt();
        if (length < 0 || length > this.buffer.remaining()) {
            throw new ProtocolException("Length " + length + " exceeds the " + this.buffer.remaining()
                    + " bytes left in the message");
        }
        return length;
    }

    private void need(int bytes) throws ProtocolException {
        if (this.buffer.remaining() < bytes) {
            throw new ProtocolException("Message ends early: " + bytes + " more bytes expected");
        }
    }
}
