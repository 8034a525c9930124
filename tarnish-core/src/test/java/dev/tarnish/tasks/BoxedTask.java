package dev.tarnish.tasks;

import dev.tarnish.Task;

/**
 * Boxed primitives in and out.
 */
public class BoxedTask implements Task<Integer, Long> {

    @Override
    public Long run(Integer input) {
        return input.longValue() * 1_000_000_000L;
    }
}
