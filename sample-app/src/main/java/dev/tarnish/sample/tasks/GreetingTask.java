package dev.tarnish.sample.tasks;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;

/**
 * A well-behaved task with an injected Spring dependency.
 */
@TarnishTask(name = "greeting")
public class GreetingTask implements Task<String, String> {

    private final Greeter greeter;

    /**
     * Creates the task; Spring injects the greeter in the worker.
     * @param greeter the greeter
     */
    public GreetingTask(Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public String run(String name) {
        return this.greeter.greet(name) + " (from worker " + ProcessHandle.current().pid() + ")";
    }
}
