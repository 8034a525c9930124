package dev.tarnish.internal.protocol;

import java.io.IOException;

/**
 * The peer sent something that is not a valid message: an unknown type, a length outside the
 * limits, a truncated or malformed body. The only exception the decoders raise for bad input.
 */
public final class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what was wrong
     */
    public ProtocolException(String message) {
        super(message);
    }
}
