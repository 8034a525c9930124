package dev.tarnish.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the fields of a message body in the layout {@link WireInput} reads.
 */
final class WireOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

    private final DataOutputStream data = new DataOutputStream(this.bytes);

    WireOutput writeByte(int value) {
        return write(() -> this.data.writeByte(value));
    }

    WireOutput writeInt(int value) {
        return write(() -> this.data.writeInt(value));
    }

    WireOutput writeLong(long value) {
        return write(() -> this.data.writeLong(value));
    }

    WireOutput writeBytes(byte[] value) {
        return write(() -> {
            this.data.writeInt(value.length);
            this.data.write(value);
        });
    }

    /** Writes a string as a length and UTF-8 bytes; {@code null} as length -1. */
    WireOutput writeString(String value) {
        if (value == null) {
            return writeInt(-1);
        }
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return this.bytes.toByteArray();
    }

    private WireOutput write(IoAction action) {
        try {
            action.run();
            return this;
        }
        catch (IOException ex) {
            // A ByteArrayOutputStream never fails.
            throw new UncheckedIOException(ex);
        }
    }

    @FunctionalInterface
    private interface IoAction {

        void run() throws IOException;
    }
}
