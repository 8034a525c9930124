package dev.tarnish.bench.tasks;

import dev.tarnish.Task;

/**
 * Returns its input: the call costs only the trip.
 */
public class EchoStringTask implements Task<String, String> {

    @Override
    public String run(String input) {
        return input;
    }
}
