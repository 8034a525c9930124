package dev.tarnish.internal.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.StreamReadConstraints;

/**
 * Encodes and decodes a {@code String} value as a definite-length CBOR text string with the JDK's
 * own UTF-8 coding, which runs at memory speed, instead of Jackson's character-by-character text
 * coding: a large text through a worker costs an order of magnitude less, most of all in a worker
 * on the lean JVM options, whose compiler does not optimize Jackson's loops.
 *
 * <p>ASCII text, the common case, is coded as ISO-8859-1, which for a compact string is a plain
 * copy of its bytes, after one scan of eight bytes at a time that tells it is ASCII: the JDK's
 * UTF-8 coding scans for non-ASCII characters with a loop that only the optimizing compiler turns
 * into vector code, and the worker's lean JVM has none.
 *
 * <p>Only where the value is exactly Jackson's: text that Jackson would refuse to encode (an
 * unpaired surrogate, which the JDK would replace by {@code '?'}) or bytes that it would refuse to
 * decode (malformed UTF-8, which the JDK would replace by U+FFFD, or a text longer than Jackson's
 * limit on strings) are left to Jackson, which then fails as before. So is a received text with a
 * U+FFFD of its own, and every other message. The bytes are Jackson's too, but for a long text
 * (a few thousand characters), which Jackson would write in chunks: both read either form.
 */
final class CborText {

    private static final int MAJOR_TEXT_STRING = 0x60;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;

    private static final long ONES = 0x0101010101010101L;

    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Jackson's limit on the characters of a string it reads, by default. */
    private static final int MAX_STRING_LENGTH = StreamReadConstraints.defaults().getMaxStringLength();

    private CborText() {
    }

    /**
     * Encodes a text.
     * @param text the text
     * @return the CBOR encoding, or {@code null} to leave the text to Jackson
     */
    static byte[] encodeOrNull(String text) {
        byte[] utf8 = asciiOrNull(text);
        if (utf8 == null) {
            utf8 = text.getBytes(StandardCharsets.UTF_8);
            int marks = questionMarks(utf8);
            if (marks != 0 && marks != questionMarks(text)) {
                return null; // more '?' than the text has: an unpaired surrogate, which Jackson refuses
            }
        }
        int header = CborByteString.shortestHeaderSize(utf8.length);
        byte[] encoded = new byte[header + utf8.length];
        CborByteString.putHeader(ByteBuffer.wrap(encoded), MAJOR_TEXT_STRING, utf8.length);
        System.arraycopy(utf8, 0, encoded, header, utf8.length);
        return encoded;
    }

    /**
     * The text's bytes if it is all ASCII, whose UTF-8 is its ISO-8859-1: a compact string's
     * ISO-8859-1 bytes are a plain copy of its own, where its UTF-8 encoding would first scan it
     * for non-ASCII characters in a loop that only the server compiler turns into vector code. A
     * character beyond ISO-8859-1 comes out as {@code '?'}, so a text with a {@code '?'} byte is
     * ASCII only if it has as many {@code '?'} of its own.
     * @return the bytes, or {@code null} if the text is not all ASCII
     */
    private static byte[] asciiOrNull(String text) {
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        int marks = asciiQuestionMarks(latin1, 0, latin1.length);
        return (marks == 0 || (marks > 0 && marks == questionMarks(text))) ? latin1 : null;
    }

    /** Counts the text's own {@code '?'}. */
    private static int questionMarks(String text) {
        int marks = 0;
        for (int at = text.indexOf('?'); at >= 0; at = text.indexOf('?', at + 1)) {
            marks++;
        }
        return marks;
    }

    /**
     * Counts the {@code '?'} bytes, eight at a time: the worker's lean JVM does not vectorize a loop
     * over bytes, and a text may be tens of megabytes.
     */
    static int questionMarks(byte[] bytes) {
        int scanned = scan(bytes, 0, bytes.length);
        return (scanned < 0) ? -scanned - 1 : scanned;
    }

    /**
     * Counts the {@code '?'} bytes of a range that is all ASCII.
     * @return the count, or {@code -1} if a byte of the range is not ASCII
     */
    static int asciiQuestionMarks(byte[] bytes, int from, int length) {
        int scanned = scan(bytes, from, length);
        return (scanned < 0) ? -1 : scanned;
    }

    /**
     * Scans a range eight bytes at a time, in one pass for both answers.
     * @return the count of {@code '?'} bytes, negated (minus one) if a byte is not ASCII
     */
    private static int scan(byte[] bytes, int from, int length) {
        int count = 0;
        long highBits = 0;
        int i = from;
        int end = from + length;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            highBits |= word;
            long marks = word ^ QUESTION_MARKS;
            // A zero byte of the word is a '?' of the text (the classic test for a zero byte).
            if (((marks - ONES) & ~marks & HIGH_BITS) != 0) {
                for (int j = i; j < i + Long.BYTES; j++) {
                    count += (bytes[j] == '?') ? 1 : 0;
                }
            }
        }
        for (; i < end; i++) {
            highBits |= bytes[i];
            count += (bytes[i] == '?') ? 1 : 0;
        }
        return ((highBits & HIGH_BITS) != 0) ? -count - 1 : count;
    }

    /**
     * Decodes a message that is one definite-length text string.
     * @param encoded the CBOR bytes
     * @return the text, or {@code null} to leave the message to Jackson
     */
    static String decodeOrNull(byte[] encoded) {
        if (encoded.length == 0) {
            return null;
        }
        int header = CborByteString.headerSize(encoded[0], MAJOR_TEXT_STRING);
        if (header < 0 || encoded.length < header) {
            return null;
        }
        long length = CborByteString.contentLength(ByteBuffer.wrap(encoded), header);
        if (length < 0 || header + length != encoded.length) {
            return null;
        }
        if (length > MAX_STRING_LENGTH) {
            return null; // more characters than Jackson reads, or as many bytes at least: Jackson decides
        }
        if (asciiQuestionMarks(encoded, header, (int) length) >= 0) {
            // ASCII: its UTF-8 is its ISO-8859-1, which the JDK copies where it would scan UTF-8 first.
            return new String(encoded, header, (int) length, StandardCharsets.ISO_8859_1);
        }
        String text = new String(encoded, header, (int) length, StandardCharsets.UTF_8);
        return (text.indexOf('\uFFFD') >= 0) ? null : text; // malformed, replaced: Jackson refuses it
    }
}
