package dev.tarnish.spring.it.web;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;
import dev.tarnish.spring.it.Marks;

/**
 * Greets through an injected bean and names the process that ran it. Its static initializer leaves
 * a mark: it must only ever run in workers.
 */
@TarnishTask(name = "echo")
public class EchoTask implements Task<String, String> {

    static {
        Marks.write("init-echo");
    }

    private final Greeter greeter;

    public EchoTask(Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public String run(String input) {
        return this.greeter.greet(input) + " from " + ProcessHandle.current().pid();
    }
}
