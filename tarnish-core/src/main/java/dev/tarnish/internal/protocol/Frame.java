package dev.tarnish.internal.protocol;

import java.util.Objects;

/**
 * One message on the channel: its type and its body.
 *
 * @param type the message type
 * @param payload the body, possibly empty; not copied
 */
public record Frame(MessageType type, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    /**
     * Checks the fields.
     */
    public Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Returns a frame without a body.
     * @param type the message type
     * @return the frame
     */
    public static Frame empty(MessageType type) {
        return new Frame(type, EMPTY);
    }
}
