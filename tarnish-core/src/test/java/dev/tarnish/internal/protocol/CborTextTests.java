package dev.tarnish.internal.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import dev.tarnish.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.dataformat.cbor.CBORMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CborTextTests {

    private final CBORMapper jackson = CBORMapper.builder().build();

    private final PayloadCodec codec = PayloadCodec.forTask(EchoText.class);

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 23, 24, 255, 256, 65_535, 65_536, 1 << 20, 3 << 20 })
    void textShouldTravelAsATextStringThatJacksonReads(int size) {
        for (String text : new String[] { ascii(size), mixed(size) }) {
            byte[] encoded = CborText.encodeOrNull(text);
            assertThat(encoded).isNotNull();
            assertThat(this.jackson.readValue(encoded, String.class)).isEqualTo(text);
            assertThat(CborText.decodeOrNull(encoded)).isEqualTo(text);
            // Jackson writes a long text in chunks, which are left to Jackson to read.
            byte[] jacksons = this.jackson.writeValueAsBytes(text);
            if (size <= 256) {
                assertThat(jacksons).isEqualTo(encoded);
                assertThat(CborText.decodeOrNull(jacksons)).isEqualTo(text);
            }
            else {
                assertThat(CborText.decodeOrNull(jacksons)).isIn(text, null);
            }
            assertThat(this.codec.decodeInput(jacksons)).isEqualTo(text);
            assertThat((String) this.codec.decodeOutput(this.codec.encodeOutput(text))).isEqualTo(text);
            assertThat(this.codec.decodeInput(this.codec.encodeInput(text))).isEqualTo(text);
        }
    }

    @Test
    void textWithQuestionMarksShouldStayFastAndAReplacementCharacterShouldGoThroughJackson() {
        assertThat(CborText.encodeOrNull("why? how?")).isNotNull();
        assertThat(this.codec.decodeInput(this.codec.encodeInput("why? how?"))).isEqualTo("why? how?");
        assertThat(CborText.encodeOrNull("why? \ud83d")).as("one more '?' than the text's own").isNull();
        byte[] replacement = this.jackson.writeValueAsBytes("a\uFFFDb");
        assertThat(CborText.decodeOrNull(replacement)).isNull();
        assertThat(this.codec.decodeInput(replacement)).isEqualTo("a\uFFFDb");
    }

    @Test
    void questionMarksShouldBeCountedWhereverTheyAre() {
        Random random = new Random(7);
        for (int length = 0; length < 40; length++) {
            byte[] bytes = new byte[length];
            int expected = 0;
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (random.nextInt(4) == 0 ? '?' : random.nextInt(256));
                expected += (bytes[i] == '?') ? 1 : 0;
            }
            assertThat(CborText.questionMarks(bytes)).as("length " + length).isEqualTo(expected);
        }
    }

    @Test
    void anAsciiRangeShouldBeToldAndItsQuestionMarksCountedAtAnyOffset() {
        Random random = new Random(11);
        for (int length = 0; length < 40; length++) {
            for (int from = 0; from < 9; from++) {
                boolean withHighByte = random.nextBoolean();
                byte[] bytes = new byte[from + length + 3];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (random.nextInt(4) == 0 ? '?' : random.nextInt(128));
                }
                bytes[0] = (byte) 0xC3; // outside the range: must not count
                bytes[bytes.length - 1] = (byte) 0xA9;
                if (withHighByte && length > 0) {
                    bytes[from + random.nextInt(length)] = (byte) (0x80 + random.nextInt(128));
                }
                int expected = 0;
                for (int i = from; i < from + length; i++) {
                    expected = (expected < 0 || bytes[i] < 0) ? -1 : expected + ((bytes[i] == '?') ? 1 : 0);
                }
                assertThat(CborText.asciiQuestionMarks(bytes, from, length)).as("from %d length %d", from, length)
                    .isEqualTo(expected);
            }
        }
    }

    @Test
    void textBeyondAsciiShouldBeCodedAsJacksonCodesIt() {
        for (String text : new String[] { "caf\u00e9?", "why? \u6f22\u5b57", "? \u4e00 ?", "\u00ff\u0100",
                "emoji \ud83d\ude00?", "plain ascii, no marks", "??" }) {
            assertThat(CborText.encodeOrNull(text)).as(text).isEqualTo(this.jackson.writeValueAsBytes(text));
            assertThat(CborText.decodeOrNull(this.jackson.writeValueAsBytes(text))).as(text).isEqualTo(text);
        }
    }

    /** Jackson refuses a text of more characters than its limit: so does the codec, as before. */
    @Test
    void aTextBeyondJacksonsLimitShouldFailAsWithJackson() {
        int length = StreamReadConstraints.defaults().getMaxStringLength() + 1;
        byte[] message = new byte[5 + length];
        message[0] = 0x7A; // a text string, its length in the next four bytes
        ByteBuffer.wrap(message, 1, 4).putInt(length);
        Arrays.fill(message, 5, message.length, (byte) 'a');
        assertThat(CborText.decodeOrNull(message)).isNull();
        assertThatExceptionOfType(StreamConstraintsException.class).isThrownBy(() -> this.codec.decodeInput(message));
    }

    /** Jackson refuses them; the JDK would replace them, silently: they are left to Jackson. */
    @Test
    void anUnpairedSurrogateShouldFailAsWithJackson() {
        assertThat(CborText.encodeOrNull("x\ud83d")).isNull();
        assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> this.codec.encodeInput("x\ud83d"));
        assertThat(this.codec.decodeInput(this.codec.encodeInput("pair \ud83d\ude00"))).isEqualTo("pair \ud83d\ude00");
    }

    @Test
    void malformedUtf8ShouldFailAsWithJackson() {
        byte[] malformed = { 0x63, 'a', (byte) 0xC3, 'b' };
        assertThat(CborText.decodeOrNull(malformed)).isNull();
        assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> this.codec.decodeInput(malformed));
    }

    @Test
    void anythingButOneWholeTextStringShouldGoToJackson() {
        byte[] indefinite = { 0x7F, 0x61, 'a', (byte) 0xFF };
        byte[] trailing = { 0x61, 'a', 0x00 };
        byte[] truncated = { 0x7A, 0x00, 0x00, 0x01 };
        byte[] nullValue = this.jackson.writeValueAsBytes(null);
        for (byte[] message : new byte[][] { indefinite, trailing, truncated, nullValue, {} }) {
            assertThat(CborText.decodeOrNull(message)).isNull();
        }
        assertThat(this.codec.decodeInput(indefinite)).isEqualTo("a");
        assertThat(this.codec.decodeInput(nullValue)).isNull();
        assertThat(this.codec.decodeInput(this.codec.encodeInput(null))).isNull();
    }

    private static String ascii(int size) {
        Random random = new Random(size);
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            text.append((char) ('@' + random.nextInt(60)));
        }
        return text.toString();
    }

    /** Latin-1, other BMP characters and surrogate pairs: one to four bytes each in UTF-8. */
    private static String mixed(int size) {
        Random random = new Random(size);
        StringBuilder text = new StringBuilder(size);
        String[] pieces = { "a", "é", "€", "\ud83d\ude00", "z" };
        while (text.length() < size) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    /** A task of text in and text out. */
    static final class EchoText implements Task<String, String> {

        @Override
        public String run(String input) {
            return input;
        }
    }
}
