package dev.tarnish.spring.it.web;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;

/** Cannot be created: every worker fails at start-up, so the crash-loop breaker opens. */
@TarnishTask(name = "broken")
public class BrokenTask implements Task<String, String> {

    public BrokenTask() {
        throw new IllegalStateException("native library missing");
    }

    @Override
    public String run(String input) {
        return input;
    }
}
