package dev.tarnish.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

    @Test
    void framesAroundTheBufferSizeShouldArriveWholeHoweverTheBytesArePacedAndWithTheirContexts() throws Exception {
        List<Frame> sent = new ArrayList<>();
        Random random = new Random(3);
        int buffer = FrameChannel.BUFFER_SIZE;
        for (int size : new int[] { 0, 1, 9, 10, buffer - 20, buffer - 14, buffer - 5, buffer - 4, buffer, buffer + 1,
                3 * buffer + 7 }) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            sent.add(new Frame(MessageType.RESULT, payload));
            sent.add(new Frame(MessageType.CALL, payload, size > 0).withContext(new byte[] { 7, (byte) size }));
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (FrameChannel out = new FrameChannel(new Trickle(Channels.newChannel(wire), null, Integer.MAX_VALUE),
                1 << 20)) {
            for (Frame frame : sent) {
                out.write(frame);
            }
        }
        for (int pace : new int[] { 1, 7, 4096, Integer.MAX_VALUE }) {
            List<Frame> received = new ArrayList<>();
            try (FrameChannel in = new FrameChannel(new Trickle(null, wire.toByteArray(), pace), 1 << 20)) {
                for (int i = 0; i < sent.size() / 2 * 3; i++) {
                    received.add(in.read(EnumSet.of(MessageType.CALL)));
                }
                assertThatExceptionOfType(EOFException.class).isThrownBy(in::read);
            }
            for (int i = 0; i < sent.size(); i += 2) {
                Frame plain = received.get(i / 2 * 3);
                Frame context = received.get(i / 2 * 3 + 1);
                Frame call = received.get(i / 2 * 3 + 2);
                assertThat(plain.payload()).as("pace %d, frame %d", pace, i).isEqualTo(sent.get(i).payload());
                assertThat(context.type()).isEqualTo(MessageType.CONTEXT);
                assertThat(context.payload()).isEqualTo(sent.get(i + 1).context());
                assertThat(call.type()).isEqualTo(MessageType.CALL);
                assertThat(call.payload()).as("pace %d, call %d", pace, i).isEqualTo(sent.get(i + 1).payload());
            }
        }
    }

    /** A channel that reads at most {@code pace} bytes per call from an array, or writes to another channel. */
    private static final class Trickle implements ByteChannel {

        private final WritableByteChannel sink;

        private final ByteBuffer source;

        private final int pace;

        Trickle(WritableByteChannel sink, byte[] source, int pace) {
            this.sink = sink;
            this.source = (source != null) ? ByteBuffer.wrap(source) : null;
            this.pace = pace;
        }

        @Override
        public int read(ByteBuffer target) {
            if (!this.source.hasRemaining()) {
                return -1;
            }
            int count = Math.min(this.pace, Math.min(target.remaining(), this.source.remaining()));
            target.put(this.source.slice().limit(count));
            this.source.position(this.source.position() + count);
            return count;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return this.sink.write(source);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
