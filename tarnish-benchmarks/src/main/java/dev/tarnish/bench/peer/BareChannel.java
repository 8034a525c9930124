package dev.tarnish.bench.peer;

import java.io.IOException;

/**
 * The parent's end of a bare ping-pong with an {@link EchoPeer} in another JVM: one message out, the
 * same bytes back. Not thread-safe: one per calling thread.
 */
public interface BareChannel extends AutoCloseable {

    /**
     * Sends the message and waits for it to come back whole.
     * @return something derived from the reply, for the benchmark's blackhole
     * @throws IOException if the peer is gone
     */
    Object roundTrip() throws IOException;

    /**
     * Ends the peer and waits for it to exit.
     */
    @Override
    void close();

    /**
     * Opens a bare channel of a kind.
     * @param kind {@code uds} or {@code pipe}
     * @param message the bytes to send on every round trip
     * @return the channel, its peer running
     * @throws IOException if the peer cannot be started
     */
    static BareChannel open(String kind, byte[] message) throws IOException {
        return switch (kind) {
            case "uds" -> new BareUdsChannel(message);
            case "pipe" -> new BarePipeChannel(message);
            default -> throw new IllegalArgumentException("Unknown channel " + kind);
        };
    }
}
