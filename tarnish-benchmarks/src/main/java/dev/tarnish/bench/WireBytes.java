package dev.tarnish.bench;

import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * A call's input as the bytes tarnish puts on the channel: Jackson CBOR, as tarnish encodes inputs.
 * The bare channels of the baseline carry exactly these, so that both sides move payloads of the
 * same size; only tarnish's public API and Jackson are used, not its internals.
 */
public final class WireBytes {

    private static final CBORMapper MAPPER = CBORMapper.builder().build();

    private WireBytes() {
    }

    /**
     * Encodes a value.
     * @param value the value
     * @return its CBOR bytes
     */
    public static byte[] of(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }
}
