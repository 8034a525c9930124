package dev.tarnish.spring.it.web;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;
import dev.tarnish.spring.it.Marks;

/** Dies or hangs on request. Its name is the default: {@code crashTask}. */
@TarnishTask(callTimeout = "60s")
public class CrashTask implements Task<String, String> {

    static {
        Marks.write("init-crash");
    }

    @Override
    public String run(String input) throws InterruptedException {
        switch (input) {
            case "halt" -> Runtime.getRuntime().halt(42);
            case "hang" -> {
                while (true) {
                    Thread.sleep(60_000); // stands for a native call that never returns
                }
            }
            default -> {
            }
        }
        return "survived " + input;
    }
}
