package dev.tarnish.internal.protocol;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FrameChannelTests {

    @TempDir
    Path directory;

    @Test
    @Timeout(30)
    void framesOfAnySizeShouldArriveWholeAndInOrderOverASocket() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(this.directory.resolve("s.sock"));
        byte[] large = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(large);
        byte[] small = { 1, 2, 3 };
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (SocketChannel socket = SocketChannel.open(address);
                        FrameChannel out = new FrameChannel(socket, 8 * 1024 * 1024)) {
                    out.write(MessageType.CALL, large);
                    out.write(MessageType.RESULT, small);
                    out.write(Frame.empty(MessageType.SHUTDOWN));
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            try (FrameChannel in = new FrameChannel(server.accept(), 8 * 1024 * 1024)) {
                Frame first = in.read();
                Frame second = in.read();
                Frame third = in.read();
                assertThat(first.type()).isEqualTo(MessageType.CALL);
                assertThat(first.payload()).isEqualTo(large);
                assertThat(second.type()).isEqualTo(MessageType.RESULT);
                assertThat(second.payload()).isEqualTo(small);
                assertThat(third.type()).isEqualTo(MessageType.SHUTDOWN);
                assertThat(third.payload()).isEmpty();
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }
}
