package dev.tarnish.internal.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes a {@code String} value as a definite-length CBOR text string with the JDK's
 * own UTF-8 coding, which runs at memory speed, instead of Jackson's character-by-character text
 * coding: a large text through a worker costs an order of magnitude less, most of all in a worker
 * on the lean JVM options, whose compiler does not optimize Jackson's loops.
 *
 * <p>Only where the result is exactly Jackson's: text that Jackson would refuse to encode (an
 * unpaired surrogate, which the JDK would replace by {@code '?'}) or bytes that it would refuse to
 * decode (malformed UTF-8, which the JDK would replace by U+FFFD) are left to Jackson, which then
 * fails as before. So is a received text with a U+FFFD of its own, and every other message.
 */
final class CborText {

    private static final int MAJOR_TEXT_STRING = 0x60;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;

    private static final long ONES = 0x0101010101010101L;

    private static final long HIGH_BITS = 0x8080808080808080L;

    private CborText() {
    }

    /**
     * Encodes a text.
     * @param text the text
     * @return the CBOR encoding, or {@code null} to leave the text to Jackson
     */
    static byte[] encodeOrNull(String text) {
        int marks = 0;
        for (int at = text.indexOf('?'); at >= 0; at = text.indexOf('?', at + 1)) {
            marks++;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (questionMarks(utf8) != marks) {
            return null; // more '?' than the text has: an unpaired surrogate, which Jackson refuses
        }
        int header = CborByteString.shortestHeaderSize(utf8.length);
        byte[] encoded = new byte[header + utf8.length];
        CborByteString.putHeader(ByteBuffer.wrap(encoded), MAJOR_TEXT_STRING, utf8.length);
        System.arraycopy(utf8, 0, encoded, header, utf8.length);
        return encoded;
    }

    /**
     * Counts the {@code '?'} bytes, eight at a time: the worker's lean JVM does not vectorize a loop
     * over bytes, and a text may be tens of megabytes.
     */
    static int questionMarks(byte[] bytes) {
        int count = 0;
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ QUESTION_MARKS;
            // A zero byte of the word is a '?' of the text (the classic test for a zero byte).
            if (((word - ONES) & ~word & HIGH_BITS) != 0) {
                for (int j = i; j < i + Long.BYTES; j++) {
                    count += (bytes[j] == '?') ? 1 : 0;
                }
            }
        }
        for (; i < bytes.length; i++) {
            count += (bytes[i] == '?') ? 1 : 0;
        }
        return count;
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
        String text = new String(encoded, header, (int) length, StandardCharsets.UTF_8);
        return (text.indexOf('\uFFFD') >= 0) ? null : text; // malformed, replaced: Jackson refuses it
    }
}
