package dev.tarnish.bench.tasks;

import dev.tarnish.Task;

/**
 * Returns its input: the call costs only the trip.
 */
public class EchoOrderTask implements Task<Order, Order> {

    @Override
    public Order run(Order input) {
        return input;
    }
}
