package dev.tarnish.bench.tasks;

import java.util.Random;

/**
 * The inputs of the benchmarks, the same in every process that builds them.
 */
public final class Payloads {

    /** A 16-byte ASCII string (16 bytes as UTF-8). */
    public static final String STRING_16 = "0123456789abcdef";

    private Payloads() {
    }

    /**
     * Returns the small input of a kind.
     * @param kind {@code string16} or {@code record10}
     * @return the input
     */
    public static Object small(String kind) {
        return switch (kind) {
            case "string16" -> STRING_16;
            case "record10" -> Order.sample();
            default -> throw new IllegalArgumentException("Unknown payload " + kind);
        };
    }

    /**
     * Returns the task class that echoes a small input of a kind.
     * @param kind {@code string16} or {@code record10}
     * @return the task class
     */
    public static Class<? extends dev.tarnish.Task<?, ?>> echoTask(String kind) {
        return switch (kind) {
            case "string16" -> EchoStringTask.class;
            case "record10" -> EchoOrderTask.class;
            default -> throw new IllegalArgumentException("Unknown payload " + kind);
        };
    }

    /**
     * Returns pseudo-random bytes, the same for the same size.
     * @param size the length
     * @return the bytes
     */
    public static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** 64 characters of plain text: letters, digits, space and comma. */
    private static final byte[] TEXT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,"
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Returns pseudo-random ASCII text of letters, digits, spaces and commas, the same for the same
     * size: as many characters as its UTF-8 encoding has bytes.
     * @param size the length
     * @return the text
     */
    public static String text(int size) {
        byte[] bytes = bytes(size);
        for (int i = 0; i < size; i++) {
            bytes[i] = TEXT_ALPHABET[bytes[i] & 0x3f];
        }
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
