package dev.tarnish.internal.protocol;

import dev.tarnish.RemoteFailure;

/**
 * The worker's first message: the one-time token that proves it is the process the caller spawned,
 * its pid, and either readiness or the reason the task could not be created.
 *
 * @param token the token the worker was given in its environment
 * @param pid the worker's process id
 * @param startupFailure why the task could not be created, or {@code null} when the worker is ready
 */
public record Hello(byte[] token, long pid, RemoteFailure startupFailure) {

    private static final byte READY = 0;

    private static final byte FAILED = 1;

    /**
     * Encodes a hello for a ready worker.
     * @param token the token
     * @param pid the worker's pid
     * @return the message body
     */
    public static byte[] ready(byte[] token, long pid) {
        return new WireOutput().writeBytes(token).writeLong(pid).writeByte(READY).toByteArray();
    }

    /**
     * Encodes a hello for a worker whose task could not be created.
     * @param token the token
     * @param pid the worker's pid
     * @param error why the task could not be created
     * @return the message body
     */
    public static byte[] failed(byte[] token, long pid, Throwable error) {
        WireOutput out = new WireOutput().writeBytes(token).writeLong(pid).writeByte(FAILED);
        byte[] encoded = RemoteErrors.encode(error);
        return out.writeBytes(encoded).toByteArray();
    }

    /**
     * Decodes a hello.
     * @param body the message body
     * @return the hello
     * @throws ProtocolException if the body is malformed
     */
    public static Hello decode(byte[] body) throws ProtocolException {
        WireInput in = new WireInput(body);
        byte[] token = in.readBytes();
        long pid = in.readLong();
        byte status = in.readByte();
        RemoteFailure failure = switch (status) {
            case READY -> null;
            case FAILED -> RemoteErrors.decode(in.readBytes());
            default -> throw new ProtocolException("Unknown hello status " + status);
        };
        in.expectEnd();
        return new Hello(token, pid, failure);
    }
}
