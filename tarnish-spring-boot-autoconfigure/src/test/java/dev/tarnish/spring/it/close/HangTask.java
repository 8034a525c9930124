package dev.tarnish.spring.it.close;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;

/** Never returns, like a native call stuck for good; ignores interrupts. */
@TarnishTask(name = "hang", workers = 2)
public class HangTask implements Task<String, String> {

    @Override
    public String run(String input) {
        while (true) {
            try {
                Thread.sleep(60_000);
            }
            catch (InterruptedException ex) {
                // Keep hanging: only a kill ends this call.
            }
        }
    }
}
