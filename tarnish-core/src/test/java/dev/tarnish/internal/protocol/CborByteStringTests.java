package dev.tarnish.internal.protocol;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.dataformat.cbor.CBORMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CborByteStringTests {

    private final CBORMapper jackson = CBORMapper.builder().build();

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 23, 24, 255, 256, 65_535, 65_536, 1 << 20 })
    void encodeShouldWriteTheBytesJacksonWrites(int size) {
        byte[] value = random(size);
        assertThat(CborByteString.encode(value)).isEqualTo(this.jackson.writeValueAsBytes(value));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 23, 24, 255, 256, 65_535, 65_536, 1 << 20 })
    void decodeShouldReadWhatJacksonWrites(int size) {
        byte[] value = random(size);
        assertThat(CborByteString.decodeOrReturn(this.jackson.writeValueAsBytes(value))).isEqualTo(value);
    }

    @Test
    void nullShouldRoundTripAsCborNull() {
        assertThat(CborByteString.encode(null)).isEqualTo(this.jackson.writeValueAsBytes(null));
        assertThat(CborByteString.decodeOrReturn(CborByteString.encode(null))).isNull();
    }

    @Test
    void decodeShouldLeaveAnythingElseToJackson() {
        byte[] indefinite = { 0x5F, 0x41, 0x07, (byte) 0xFF };
        byte[] trailing = { 0x41, 0x07, 0x00 };
        byte[] truncated = { 0x5A, 0x00, 0x00, 0x01 };
        byte[] text = this.jackson.writeValueAsBytes("text");
        byte[] empty = {};
        for (byte[] message : new byte[][] { indefinite, trailing, truncated, text, empty }) {
            assertThat(CborByteString.decodeOrReturn(message)).isSameAs(message);
        }
    }

    @Test
    void codecShouldRoundTripByteArraysAndFallBackToJackson() {
        PayloadCodec codec = PayloadCodec.forTask(Echo.class);
        byte[] value = random(100_000);
        assertThat((byte[]) codec.decodeOutput(codec.encodeOutput(value))).isEqualTo(value);
        assertThat(codec.decodeInput(codec.encodeInput(value))).isEqualTo(value);
        byte[] indefinite = { 0x5F, 0x41, 0x07, 0x42, 0x08, 0x09, (byte) 0xFF };
        assertThat(codec.decodeInput(indefinite)).isEqualTo(new byte[] { 7, 8, 9 });
    }

    @Test
    void codecFramesShouldCarryByteArraysUncopiedAndEverythingElseAsBefore() {
        PayloadCodec codec = PayloadCodec.forTask(Echo.class);
        assertThat(codec.byteStringTypes()).containsExactlyInAnyOrder(MessageType.CALL, MessageType.RESULT);
        byte[] value = random(1000);
        Frame call = codec.encodeCall(value);
        assertThat(call.byteString()).isTrue();
        assertThat(call.payload()).isSameAs(value);
        assertThat(call.bodyLength()).isEqualTo(codec.encodeInput(value).length);
        assertThat(codec.decodeCall(call)).isSameAs(value);
        // A body that arrives whole (read without byte strings, or not one) goes through the array decoder.
        assertThat(codec.decodeCall(new Frame(MessageType.CALL, codec.encodeInput(value)))).isEqualTo(value);
        Frame nothing = codec.encodeResult(null);
        assertThat(nothing.byteString()).isFalse();
        assertThat((byte[]) codec.decodeResult(nothing)).isNull();
        PayloadCodec strings = PayloadCodec.forTask(Strings.class);
        assertThat(strings.byteStringTypes()).isEmpty();
        Frame text = strings.encodeCall("text");
        assertThat(text.byteString()).isFalse();
        assertThat(text.payload()).isEqualTo(this.jackson.writeValueAsBytes("text"));
        assertThat((String) strings.decodeResult(strings.encodeResult("out"))).isEqualTo("out");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 23, 24, 255, 256, 65_535, 65_536, 1 << 20 })
    void headerHelpersShouldAgreeWithTheEncoding(int size) {
        byte[] encoded = CborByteString.encode(new byte[size]);
        int header = CborByteString.shortestHeaderSize(size);
        assertThat(encoded).hasSize(header + size);
        assertThat(CborByteString.headerSize(encoded[0])).isEqualTo(header);
        assertThat(CborByteString.contentLength(java.nio.ByteBuffer.wrap(encoded), header)).isEqualTo(size);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static class Echo implements dev.tarnish.Task<byte[], byte[]> {

        @Override
        public byte[] run(byte[] input) {
            return input;
        }
    }

    static class Strings implements dev.tarnish.Task<String, String> {

        @Override
        public String run(String input) {
            return input;
        }
    }
}
