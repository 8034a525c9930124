package dev.tarnish.internal.protocol;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.EnumSet;
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

    @Test
    @Timeout(30)
    void byteStringFramesShouldArriveAsTheirContentAndInteroperateWithWholeBodies() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(this.directory.resolve("b.sock"));
        byte[] large = new byte[5 * 1024 * 1024 + 3];
        new Random(2).nextBytes(large);
        byte[] small = { 4, 5, 6 };
        byte[] cborNull = { (byte) 0xF6 };
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (SocketChannel socket = SocketChannel.open(address);
                        FrameChannel out = new FrameChannel(socket, 8 * 1024 * 1024)) {
                    out.write(new Frame(MessageType.CALL, large, true));
                    // As an older peer or Jackson writes it: the whole encoding as the body.
                    out.write(MessageType.RESULT, CborByteString.encode(small));
                    out.write(MessageType.RESULT, cborNull);
                    out.write(new Frame(MessageType.FAILURE, small, true));
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            try (FrameChannel in = new FrameChannel(server.accept(), 8 * 1024 * 1024)) {
                EnumSet<MessageType> byteStrings = EnumSet.of(MessageType.CALL, MessageType.RESULT);
                Frame first = in.read(byteStrings);
                assertThat(first.byteString()).isTrue();
                assertThat(first.payload()).isEqualTo(large);
                Frame second = in.read(byteStrings);
                assertThat(second.byteString()).isTrue();
                assertThat(second.payload()).isEqualTo(small);
                Frame third = in.read(byteStrings);
                assertThat(third.byteString()).isFalse();
                assertThat(third.payload()).isEqualTo(cborNull);
                Frame fourth = in.read(byteStrings);
                assertThat(fourth.type()).isEqualTo(MessageType.FAILURE);
                assertThat(fourth.byteString()).isFalse();
                assertThat(fourth.payload()).isEqualTo(CborByteString.encode(small));
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }
}
