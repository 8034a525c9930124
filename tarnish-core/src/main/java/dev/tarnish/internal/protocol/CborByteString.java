package dev.tarnish.internal.protocol;

import java.util.Arrays;

/**
 * Encodes and decodes a {@code byte[]} value as Jackson's CBOR mapper does (a definite-length byte
 * string with the shortest length header, or the simple value {@code null}), without going through
 * Jackson's generator and parser: one array copy each way instead of Jackson's chunked buffers, which
 * cost an order of magnitude more on large arrays. The bytes on the wire are the same either way.
 */
final class CborByteString {

    private static final int MAJOR_BYTE_STRING = 0x40;

    private static final byte NULL = (byte) 0xF6;

    private CborByteString() {
    }

    /**
     * Encodes a value.
     * @param value the bytes, or {@code null}
     * @return the CBOR encoding
     */
    static byte[] encode(byte[] value) {
        if (value == null) {
            return new byte[] { NULL };
        }
        int length = value.length;
        int header = (length < 24) ? 1 : (length < 0x100) ? 2 : (length < 0x10000) ? 3 : 5;
        byte[] encoded = new byte[header + length];
        switch (header) {
            case 1 -> encoded[0] = (byte) (MAJOR_BYTE_STRING | length);
            case 2 -> {
                encoded[0] = (byte) (MAJOR_BYTE_STRING | 24);
                encoded[1] = (byte) length;
            }
            case 3 -> {
                encoded[0] = (byte) (MAJOR_BYTE_STRING | 25);
                encoded[1] = (byte) (length >>> 8);
                encoded[2] = (byte) length;
            }
            default -> {
                encoded[0] = (byte) (MAJOR_BYTE_STRING | 26);
                encoded[1] = (byte) (length >>> 24);
                encoded[2] = (byte) (length >>> 16);
                encoded[3] = (byte) (length >>> 8);
                encoded[4] = (byte) length;
            }
        }
        System.arraycopy(value, 0, encoded, header, length);
        return encoded;
    }

    /**
     * Decodes a value if it is a plain definite-length byte string or {@code null} that fills the
     * whole message.
     * @param encoded the CBOR bytes
     * @return the decoded value: {@code null} for CBOR null; or {@code encoded} itself (the same
     *     instance) when the message is anything else, which the caller then hands to Jackson
     */
    static byte[] decodeOrReturn(byte[] encoded) {
        if (encoded.length == 1 && encoded[0] == NULL) {
            return null;
        }
        if (encoded.length == 0 || (encoded[0] & 0xE0) != MAJOR_BYTE_STRING) {
            return encoded;
        }
        int info = encoded[0] & 0x1F;
        long length;
        int header;
        if (info < 24) {
            length = info;
            header = 1;
        }
        else if (info <= 27) {
            header = 1 + (1 << (info - 24));
            if (encoded.length < header) {
                return encoded;
            }
            length = 0;
            for (int i = 1; i < header; i++) {
                length = (length << 8) | (encoded[i] & 0xFF);
            }
        }
        else {
            // Indefinite length or reserved: leave it to Jackson.
            return encoded;
        }
        if (length < 0 || header + length != encoded.length) {
            return encoded;
        }
        return Arrays.copyOfRange(encoded, header, encoded.length);
    }
}
