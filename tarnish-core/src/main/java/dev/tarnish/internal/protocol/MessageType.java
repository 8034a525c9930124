package dev.tarnish.internal.protocol;

/**
 * The kinds of frame. The code is the frame's type byte.
 */
public enum MessageType {

    /** Worker to caller, once, first: the token, the pid, and whether the task could be created. */
    HELLO(1),

    /** Caller to worker: run the task on the CBOR-encoded input in the payload. */
    CALL(2),

    /** Worker to caller: the CBOR-encoded output. */
    RESULT(3),

    /** Worker to caller: the task threw; the payload is an encoded {@link RemoteErrors remote error}. */
    FAILURE(4),

    /** Caller to worker: finish and exit. */
    SHUTDOWN(5),

    /** Caller to worker, while the worker is idle: answer at once, to show it is not frozen. */
    PING(6),

    /** Worker to caller: the answer to a {@code PING}. */
    PONG(7),

    /** Parent to worker, just before a call: the caller's context headers ({@link CallHeaders}). */
    CONTEXT(8),

    /**
     * Either way, in place of a large frame: where in the sender's shared-memory region its body is
     * ({@link SharedBodies}); the reader hands on the frame it stands for, never this one.
     */
    SHARED(9);

    private final byte code;

    MessageType(int code) {
        this.code = (byte) code;
    }

    /**
     * Returns the type byte.
     * @return the code on the wire
     */
    public byte code() {
        return this.code;
    }

    /**
     * Returns the type of a type byte.
     * @param code the code on the wire
     * @return the message type
     * @throws ProtocolException if no type has that code
     */
    public static MessageType of(byte code) throws ProtocolException {
        for (MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new ProtocolException("Unknown message type " + (code & 0xff));
    }
}
