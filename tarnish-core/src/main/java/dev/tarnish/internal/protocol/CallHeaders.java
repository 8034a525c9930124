package dev.tarnish.internal.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a {@code CONTEXT} frame: a caller's context headers ({@code dev.tarnish.CallContext}),
 * as a count and key/value strings.
 */
public final class CallHeaders {

    /** The most a context may take: headers are trace ids and baggage, not payloads. */
    public static final int MAX_SIZE = 64 * 1024;

    private CallHeaders() {
    }

    /**
     * Encodes headers.
     * @param headers the headers
     * @return their encoding, or {@code null} when there are none: no frame is sent then
     * @throws IllegalArgumentException if a key or value is {@code null}, or the encoding exceeds
     *     {@link #MAX_SIZE}
     */
    public static byte[] encode(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        WireOutput out = new WireOutput().writeInt(headers.size());
        headers.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("Call context header " + key + " has no value or no name");
            }
            out.writeString(key).writeString(value);
        });
        byte[] body = out.toByteArray();
        if (body.length > MAX_SIZE) {
            throw new IllegalArgumentException("The call context's headers encode to " + body.length
                    + " bytes, more than " + MAX_SIZE);
        }
        return body;
    }

    /**
     * Decodes headers.
     * @param body what {@link #encode} produced
     * @return the headers, in their order
     * @throws ProtocolException if the body is malformed
     */
    public static Map<String, String> decode(byte[] body) throws ProtocolException {
        WireInput in = new WireInput(body);
        int count = in.readCount(8);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.readString();
            String value = in.readString();
            if (key == null || value == null) {
                throw new ProtocolException("Call context header without a name or a value");
            }
            headers.put(key, value);
        }
        in.expectEnd();
        return headers;
    }
}
