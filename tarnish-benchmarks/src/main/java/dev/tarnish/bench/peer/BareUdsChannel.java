package dev.tarnish.bench.peer;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A bare ping-pong over a Unix-domain socket: the message and the reply live in direct buffers
 * allocated once, so a round trip is two system-call pairs and the kernel's copies, nothing else.
 */
final class BareUdsChannel implements BareChannel {

    private final Path directory;

    private final Process process;

    private final SocketChannel socket;

    private final ByteBuffer message;

    private final ByteBuffer reply;

    BareUdsChannel(byte[] body) throws IOException {
        this.directory = Files.createTempDirectory("tarnish-bench-uds");
        Path path = this.directory.resolve("peer.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path), 1);
            this.process = Jvm.start(EchoPeer.class, "uds", path.toString());
            this.socket = server.accept();
        }
        Files.deleteIfExists(path);
        this.message = ByteBuffer.allocateDirect(4 + body.length);
        this.message.putInt(body.length).put(body).flip();
        this.reply = ByteBuffer.allocateDirect(4 + body.length);
    }

    @Override
    public Object roundTrip() throws IOException {
        this.message.rewind();
        Frames.writeFully(this.socket, this.message);
        this.reply.clear();
        if (!Frames.readFully(this.socket, this.reply)) {
            throw new IOException("Peer closed the channel");
        }
        return this.reply;
    }

    @Override
    public void close() {
        try {
            this.socket.close();
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(this.directory);
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
