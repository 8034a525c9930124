package dev.tarnish.tasks;

import dev.tarnish.Task;

/**
 * Returns its input reversed, for large payloads.
 */
public class BytesTask implements Task<byte[], byte[]> {

    @Override
    public byte[] run(byte[] input) {
        byte[] output = new byte[input.length];
        for (int i = 0; i < input.length; i++) {
            output[i] = input[input.length - 1 - i];
        }
        return output;
    }
}
