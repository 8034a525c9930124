package dev.tarnish.bench.peer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Whole-buffer reads and writes on blocking channels.
 */
final class Frames {

    private Frames() {
    }

    /**
     * Fills the buffer.
     * @return {@code false} on end-of-stream before the first byte
     * @throws EOFException on end-of-stream inside the buffer
     */
    static boolean readFully(ReadableByteChannel in, ByteBuffer buffer) throws IOException {
        boolean first = true;
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                if (first && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("Channel ended inside a frame");
            }
            first = false;
        }
        return true;
    }

    static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
