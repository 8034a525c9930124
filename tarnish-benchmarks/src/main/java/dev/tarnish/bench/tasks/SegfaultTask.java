package dev.tarnish.bench.tasks;

import dev.tarnish.Task;

/**
 * Echoes its input, except {@code "segfault"}, on which it reads address 0 and the JVM dies of SIGSEGV.
 */
public class SegfaultTask implements Task<String, String> {

    /** The input that crashes the worker. */
    public static final String SEGFAULT = "segfault";

    @Override
    public String run(String input) {
        if (SEGFAULT.equals(input)) {
            Segfault.now();
        }
        return input;
    }
}
