package dev.tarnish.sample.tasks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A plain Spring bean that a task depends on: in worker mode Spring creates it and injects it into
 * the task, as in the application.
 */
@Component
public class Greeter {

    private final String greeting;

    /**
     * Creates the greeter.
     * @param greeting the greeting, from {@code sample.greeting}
     */
    public Greeter(@Value("${sample.greeting:Hello}") String greeting) {
        this.greeting = greeting;
    }

    /**
     * Greets someone.
     * @param name who
     * @return the greeting
     */
    public String greet(String name) {
        return this.greeting + ", " + name + "!";
    }
}
