package dev.tarnish.tasks;

import dev.tarnish.Task;

/**
 * A task whose worker dies while it starts, every time, before it can say anything.
 */
public class DiesAtStartupTask implements Task<String, String> {

    static {
        System.err.println("loading a library that takes the process down");
        Runtime.getRuntime().halt(42);
    }

    @Override
    public String run(String input) {
        return input;
    }
}
