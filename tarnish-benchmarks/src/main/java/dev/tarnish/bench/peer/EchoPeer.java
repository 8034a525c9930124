package dev.tarnish.bench.peer;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * The bare peer of the channel baselines: reads a 4-byte big-endian length and that many bytes, and
 * writes the same frame back, until end-of-stream. No decoding, no allocation per message: the bytes
 * stay in reused direct buffers, so this is what the channel itself costs.
 *
 * <p>{@code EchoPeer uds <socket path>} connects to a Unix-domain socket; {@code EchoPeer pipe} uses
 * its stdin and stdout.
 */
public final class EchoPeer {

    private EchoPeer() {
    }

    /**
     * Runs the peer.
     * @param args {@code uds <path>} or {@code pipe}
     * @throws IOException if the channel fails
     */
    public static void main(String[] args) throws IOException {
        if (args[0].equals("uds")) {
            SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            socket.connect(UnixDomainSocketAddress.of(Path.of(args[1])));
            echo(socket, socket);
        }
        else {
            echo(new FileInputStream(FileDescriptor.in).getChannel(), new FileOutputStream(FileDescriptor.out).getChannel());
        }
        System.exit(0);
    }

    private static void echo(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        ByteBuffer header = ByteBuffer.allocateDirect(4);
        ByteBuffer body = ByteBuffer.allocateDirect(64 * 1024);
        while (true) {
            header.clear();
            if (!Frames.readFully(in, header)) {
                return;
            }
            header.flip();
            int length = header.getInt(0);
            if (body.capacity() < length) {
                body = ByteBuffer.allocateDirect(length);
            }
            body.clear().limit(length);
            if (!Frames.readFully(in, body)) {
                return;
            }
            body.flip();
            Frames.writeFully(out, header);
            Frames.writeFully(out, body);
        }
    }
}
