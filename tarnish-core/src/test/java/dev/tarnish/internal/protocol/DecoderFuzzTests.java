package dev.tarnish.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tarnish.RemoteFailure;

/**
 * The decoders take whatever bytes arrive: only the protocol's own exceptions may escape, and a
 * length is never trusted beyond the frame limit. A quick seeded slice runs in every build.
 */
class DecoderFuzzTests {

    private static final int MAX_FRAME = 64 * 1024;

    private static final int INPUTS = Integer.getInteger("tarnish.fuzz.inputs", 20_000);

    @Test
    void whenFrameLengthIsHugeShouldRejectItBeforeAllocating() {
        byte[] header = ByteBuffer.allocate(5).putInt(Integer.MAX_VALUE).put(MessageType.RESULT.code()).array();
        assertThatThrownBy(() -> new FrameChannel(new BytesChannel(header), MAX_FRAME).read())
            .isInstanceOf(ProtocolException.class).hasMessageContaining("outside the allowed range");
    }

    @Test
    void whenFrameIsValidShouldRoundTrip() throws IOException {
        BytesChannel channel = new BytesChannel(new byte[0]);
        new FrameChannel(channel, MAX_FRAME).write(MessageType.CALL, new byte[] { 1, 2, 3 });
        Frame frame = new FrameChannel(new BytesChannel(channel.written()), MAX_FRAME).read();
        assertThat(frame.type()).isEqualTo(MessageType.CALL);
        assertThat(frame.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void whenRemoteErrorRoundTripsShouldKeepClassMessageStackAndCause() throws ProtocolException {
        Exception error = new IllegalStateException("outer", new java.io.IOException("inner"));
        RemoteFailure decoded = RemoteErrors.decode(RemoteErrors.encode(error));
        assertThat(decoded.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(decoded.getMessage()).isEqualTo("outer");
        assertThat(decoded.getStackTrace()).extracting(DecoderFuzzTests::frame)
            .containsExactly(java.util.Arrays.stream(error.getStackTrace()).map(DecoderFuzzTests::frame).toArray(String[]::new));
        assertThat(((RemoteFailure) decoded.getCause()).getRemoteClassName()).isEqualTo("java.io.IOException");
    }

    @Test
    void whenFramesAreRandomOrMutatedShouldOnlyRaiseProtocolErrors() {
        Random random = new Random(20261125L);
        byte[] valid = validFrame();
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = (i % 2 == 0) ? randomBytes(random) : mutate(valid, random);
            try {
                Frame frame = new FrameChannel(new BytesChannel(input), MAX_FRAME).read();
                assertThat(frame.payload().length).isLessThanOrEqualTo(MAX_FRAME);
            }
            catch (ProtocolException | EOFException expected) {
                // The only ways a bad frame may end.
            }
            catch (IOException | RuntimeException ex) {
                throw new AssertionError("Input " + i + " raised " + ex, ex);
            }
        }
    }

    @Test
    void whenMessageBodiesAreRandomOrMutatedShouldOnlyRaiseProtocolErrors() {
        Random random = new Random(4242L);
        byte[] error = RemoteErrors.encode(new IllegalArgumentException("x", new RuntimeException("y")));
        byte[] hello = Hello.failed(new byte[32], 7, new IllegalStateException("z"));
        for (int i = 0; i < INPUTS; i++) {
            byte[] body = switch (i % 3) {
                case 0 -> randomBytes(random);
                case 1 -> mutate(error, random);
                default -> mutate(hello, random);
            };
            try {
                if (i % 2 == 0) {
                    RemoteErrors.decode(body);
                }
                else {
                    Hello.decode(body);
                }
            }
            catch (ProtocolException expected) {
                // The only way a bad body may end.
            }
            catch (RuntimeException ex) {
                throw new AssertionError("Input " + i + " raised " + ex, ex);
            }
        }
    }

    private static String frame(StackTraceElement element) {
        return element.getClassName() + "." + element.getMethodName() + "(" + element.getFileName() + ":"
                + element.getLineNumber() + ")";
    }

    private static byte[] validFrame() {
        byte[] payload = new byte[40];
        return ByteBuffer.allocate(5 + payload.length).putInt(payload.length).put(MessageType.RESULT.code())
            .put(payload).array();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] copy = original.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            int at = random.nextInt(copy.length);
            copy[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : copy[at] ^ (1 << random.nextInt(8)));
        }
        if (random.nextInt(4) == 0) {
            return java.util.Arrays.copyOf(copy, random.nextInt(copy.length + 1));
        }
        return copy;
    }

    /** A channel that reads from a byte array and records what is written. */
    private static final class BytesChannel implements ByteChannel {

        private final ByteBuffer input;

        private final java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();

        BytesChannel(byte[] input) {
            this.input = ByteBuffer.wrap(input);
        }

        byte[] written() {
            return this.output.toByteArray();
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!this.input.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), this.input.remaining());
            ByteBuffer slice = this.input.slice();
            slice.limit(n);
            dst.put(slice);
            this.input.position(this.input.position() + n);
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] bytes = new byte[n];
            src.get(bytes);
            this.output.write(bytes, 0, n);
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
}
