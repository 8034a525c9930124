package dev.tarnish.internal.protocol;

import java.util.Objects;

/**
 * One message on the channel: its type and its body.
 *
 * <p>A frame whose body is a single CBOR byte string (a {@code byte[]} input or output) can carry
 * that string's content instead of its encoding ({@code byteString}): {@link FrameChannel} writes
 * the 1–5 byte header in front of the array and, when asked to, reads a received one straight into
 * an array of its size. Either way the bytes on the wire are the same; only the copies differ.
 *
 * @param type the message type
 * @param payload the body, possibly empty; or, if {@code byteString}, the content of the byte
 *     string that is the body; not copied
 * @param byteString whether {@code payload} is the content of a CBOR byte string rather than the
 *     body itself
 * @param context for a call, the encoded headers of its caller's context ({@link CallHeaders}),
 *     written as a {@code CONTEXT} frame just before it; {@code null} for none
 */
public record Frame(MessageType type, byte[] payload, boolean byteString, byte[] context) {

    private static final byte[] EMPTY = new byte[0];

    /**
     * Checks the fields.
     */
    public Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Creates a frame whose payload is its body.
     * @param type the message type
     * @param payload the body, possibly empty; not copied
     */
    public Frame(MessageType type, byte[] payload) {
        this(type, payload, false);
    }

    /**
     * Creates a frame without a context.
     * @param type the message type
     * @param payload the body or the byte string's content; not copied
     * @param byteString whether {@code payload} is the content of a CBOR byte string
     */
    public Frame(MessageType type, byte[] payload, boolean byteString) {
        this(type, payload, byteString, null);
    }

    /**
     * Returns this frame with a caller's context to go before it.
     * @param context the encoded headers, or {@code null} for none
     * @return the frame
     */
    public Frame withContext(byte[] context) {
        return new Frame(this.type, this.payload, this.byteString, context);
    }

    /**
     * Returns a frame without a body.
     * @param type the message type
     * @return the frame
     */
    public static Frame empty(MessageType type) {
        return new Frame(type, EMPTY);
    }

    /**
     * Returns the size of the body as {@link FrameChannel} writes it: the payload, plus the shortest
     * byte-string header if any.
     * @return the size in bytes; a {@code long}, since a header in front of a nearly 2 GiB array
     *     takes it past {@code int}
     */
    public long bodyLength() {
        return this.byteString ? CborByteString.shortestHeaderSize(this.payload.length) + (long) this.payload.length
                : this.payload.length;
    }
}
