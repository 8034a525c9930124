package dev.tarnish.tasks;

import dev.tarnish.Task;

/**
 * A task without concrete types: tarnish cannot know what to encode.
 */
@SuppressWarnings("rawtypes")
public class RawTask implements Task {

    @Override
    public Object run(Object input) {
        return input;
    }
}
