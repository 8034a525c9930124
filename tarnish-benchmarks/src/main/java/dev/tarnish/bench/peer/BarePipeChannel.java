package dev.tarnish.bench.peer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A bare ping-pong over the peer's stdin and stdout, the pipes {@link Process} gives: the message is
 * built once, the reply read into a buffer allocated once. Reads and writes go in slices of at most
 * 64 KiB, the size of a Linux pipe, because the JDK's stream natives allocate a native buffer of the
 * requested size on every call.
 */
final class BarePipeChannel implements BareChannel {

    private static final int SLICE = 64 * 1024;

    private final Process process;

    private final OutputStream out;

    private final InputStream in;

    private final byte[] message;

    private final byte[] reply;

    BarePipeChannel(byte[] body) throws IOException {
        this.process = Jvm.start(EchoPeer.class, "pipe");
        this.out = this.process.getOutputStream();
        this.in = this.process.getInputStream();
        this.message = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
        this.reply = new byte[4 + body.length];
    }

    @Override
    public Object roundTrip() throws IOException {
        for (int offset = 0; offset < this.message.length; offset += SLICE) {
            this.out.write(this.message, offset, Math.min(SLICE, this.message.length - offset));
        }
        this.out.flush();
        int offset = 0;
        while (offset < this.reply.length) {
            int n = this.in.read(this.reply, offset, Math.min(SLICE, this.reply.length - offset));
            if (n < 0) {
                throw new EOFException("Peer closed its stdout");
            }
            offset += n;
        }
        return this.reply;
    }

    @Override
    public void close() {
        try {
            this.out.close();
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (IOException ex) {
            this.process.destroyForcibly();
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
