package dev.tarnish.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tarnish.RemoteFailure;

/**
 * The decoders take whatever bytes arrive: only the protocol's own exceptions may escape, and a
 * length is never trusted beyond the frame limit. A quick seeded slice runs in every build.
 */
class DecoderFuzzTests {

    private static final int MAX_FRAME = 64 * 1024;

    private static final int INPUTS = Integer.getInteger("tarnish.fuzz.inputs", 20_000);

    /** How a caller of a task with a byte[] output reads its replies. */
    private static final Set<MessageType> BYTE_STRING_RESULTS = EnumSet.of(MessageType.RESULT);

    @Test
    void whenFrameLengthIsHugeShouldRejectItBeforeAllocating() {
        byte[] header = ByteBuffer.allocate(5).putInt(Integer.MAX_VALUE).put(MessageType.RESULT.code()).array();
        assertThatThrownBy(() -> new FrameChannel(new MemoryChannel(header), MAX_FRAME).read())
            .isInstanceOf(ProtocolException.class).hasMessageContaining("outside the allowed range");
    }

    @Test
    void whenFrameIsValidShouldRoundTrip() throws IOException {
        MemoryChannel channel = new MemoryChannel(new byte[0]);
        new FrameChannel(channel, MAX_FRAME).write(MessageType.CALL, new byte[] { 1, 2, 3 });
        Frame frame = new FrameChannel(new MemoryChannel(channel.written()), MAX_FRAME).read();
        assertThat(frame.type()).isEqualTo(MessageType.CALL);
        assertThat(frame.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void whenByteStringFrameIsValidShouldReadTheContentAloneAndKeepTheWireFormat() throws IOException {
        for (int size : new int[] { 0, 23, 24, 300, 70_000 }) {
            byte[] value = new byte[size];
            new Random(size).nextBytes(value);
            MemoryChannel channel = new MemoryChannel(new byte[0]);
            new FrameChannel(channel, MAX_FRAME * 2).write(new Frame(MessageType.RESULT, value, true));
            Frame content = new FrameChannel(new MemoryChannel(channel.written()), MAX_FRAME * 2).read(BYTE_STRING_RESULTS);
            assertThat(content.byteString()).isTrue();
            assertThat(content.payload()).isEqualTo(value);
            Frame whole = new FrameChannel(new MemoryChannel(channel.written()), MAX_FRAME * 2).read();
            assertThat(whole.byteString()).isFalse();
            assertThat(whole.payload()).isEqualTo(CborByteString.encode(value));
        }
    }

    @Test
    void whenByteStringHeaderLiesAboutTheLengthShouldRaiseProtocolError() {
        byte[][] bodies = {
            { 0x5A, 0, 0, 0, 10, 1, 2, 3 }, // declares more than the frame holds
            { 0x5A, 0, 0, 0, 2, 1, 2, 3 }, // declares less: trailing bytes
            { 0x43, 1, 2, 3, 4 }, // the same, in the initial byte
            { 0x5B, -1, -1, -1, -1, -1, -1, -1, -1, 1 }, // 2^64 - 1
            { 0x5B, 0, 0, 0, 0, 0x7F, -1, -1, -1, 1 }, // past int, below the 64-bit sign
            { 0x5A, 0, 0 }, // the frame ends inside the header
        };
        for (byte[] body : bodies) {
            byte[] frame = ByteBuffer.allocate(5 + body.length).putInt(body.length).put(MessageType.RESULT.code())
                .put(body).array();
            assertThatThrownBy(() -> new FrameChannel(new MemoryChannel(frame), MAX_FRAME).read(BYTE_STRING_RESULTS))
                .as("body %s", java.util.Arrays.toString(body)).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void whenByteStringBodyIsTruncatedShouldRaiseEof() {
        byte[] frame = ByteBuffer.allocate(5 + 3 + 20).putInt(3 + 1000).put(MessageType.RESULT.code())
            .put((byte) 0x59).putShort((short) 1000).put(new byte[20]).array();
        for (int cut : new int[] { 5, 6, 7, frame.length }) {
            byte[] truncated = java.util.Arrays.copyOf(frame, cut);
            assertThatThrownBy(() -> new FrameChannel(new MemoryChannel(truncated), MAX_FRAME).read(BYTE_STRING_RESULTS))
                .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void whenByteStringIsAboveTheLimitShouldRejectItBeforeAllocatingOrSending() {
        byte[] header = ByteBuffer.allocate(10).putInt(MAX_FRAME + 1).put(MessageType.RESULT.code()).put((byte) 0x5A)
            .putInt(MAX_FRAME - 4).array();
        assertThatThrownBy(() -> new FrameChannel(new MemoryChannel(header), MAX_FRAME).read(BYTE_STRING_RESULTS))
            .isInstanceOf(ProtocolException.class).hasMessageContaining("outside the allowed range");
        // The content fits, the content with its header does not.
        Frame justTooLarge = new Frame(MessageType.RESULT, new byte[MAX_FRAME - 2], true);
        MemoryChannel out = new MemoryChannel(new byte[0]);
        assertThatThrownBy(() -> new FrameChannel(out, MAX_FRAME).write(justTooLarge))
            .isInstanceOf(ProtocolException.class).hasMessageContaining("larger than the maximum");
        assertThat(out.written()).isEmpty();
    }

    @Test
    void whenByteStringFramesAreRandomOrMutatedShouldOnlyRaiseProtocolErrors() {
        Random random = new Random(1234L);
        byte[][] valid = { byteStringFrame(5), byteStringFrame(40), byteStringFrame(300) };
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = (i % 4 == 0) ? randomBytes(random) : mutate(valid[i % 3], random);
            try {
                Frame frame = new FrameChannel(new MemoryChannel(input), MAX_FRAME).read(BYTE_STRING_RESULTS);
                assertThat(frame.payload().length).isLessThanOrEqualTo(MAX_FRAME);
                if (frame.byteString()) {
                    assertThat(frame.type()).isEqualTo(MessageType.RESULT);
                }
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
                Frame frame = new FrameChannel(new MemoryChannel(input), MAX_FRAME).read();
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

    private static byte[] byteStringFrame(int size) {
        byte[] body = CborByteString.encode(new byte[size]);
        return ByteBuffer.allocate(5 + body.length).putInt(body.length).put(MessageType.RESULT.code()).put(body)
            .array();
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
}
