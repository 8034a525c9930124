package dev.tarnish.tasks;

import dev.tarnish.Task;

/**
 * A task whose constructor throws: no worker of it can ever become ready.
 */
public class ThrowingConstructorTask implements Task<String, String> {

    public ThrowingConstructorTask() {
        throw new IllegalStateException("native library not found");
    }

    @Override
    public String run(String input) {
        return input;
    }
}
