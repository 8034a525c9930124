package dev.tarnish.internal.protocol;

import dev.tarnish.RemoteFailure;

/**
 * The worker's first message: the one-time token that proves it is the process the caller spawned,
 * its pid, and either readiness or the reason the task could not be created.
 *
 * @param token the token the worker was given in its environment
 * @param pid the worker's process id
 * @param startupFailure why the task could not be created, or {@code null} when the worker is ready
 * @param sharedMemory whether the worker reached the shared-memory directory in its environment and
 *     reads bodies from there ({@link SharedBodies}); until it says so, the caller sends everything
 *     over the socket: a worker in a sandbox with a {@code /dev} of its own, or one whose environment a
 *     launch customizer rewrote, would fail on a large call otherwise
 */
public record Hello(byte[] token, long pid, RemoteFailure startupFailure, boolean sharedMemory) {

    private static final byte READY = 0;

    private static final byte FAILED = 1;

    private static final byte READY_WITH_SHARED_MEMORY = 2;

    /**
     * Encodes a hello for a ready worker.
     * @param token the token
     * @param pid the worker's pid
     * @param sharedMemory whether the worker reads bodies through shared memory
     * @return the message body
     */
    public static byte[] ready(byte[] token, long pid, boolean sharedMemory) {
        return new WireOutput().writeBytes(token)
            .writeLong(pid)
            .writeByte(sharedMemory ? READY_WITH_SHARED_MEMORY : READY)
            .toByteArray();
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
            case READY, READY_WITH_SHARED_MEMORY -> null;
            case FAILED -> RemoteErrors.decode(in.readBytes());
            default -> throw new ProtocolException("Unknown hello status " + status);
        };
        in.expectEnd();
        return new Hello(token, pid, failure, status == READY_WITH_SHARED_MEMORY);
    }
}
