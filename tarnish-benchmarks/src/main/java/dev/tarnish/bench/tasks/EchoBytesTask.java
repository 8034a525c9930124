package dev.tarnish.bench.tasks;

import dev.tarnish.Task;

/**
 * Returns its input: the call costs only the trip.
 */
public class EchoBytesTask implements Task<byte[], byte[]> {

    @Override
    public byte[] run(byte[] input) {
        return input;
    }
}
