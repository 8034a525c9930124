package dev.tarnish.smoke;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Something the application starts with its context, as a listener container or a scheduler is. */
@Component
class ReportsLifecycle implements SmartLifecycle {

    private final Journal journal;

    private volatile boolean running;

    ReportsLifecycle(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void start() {
        this.journal.write("lifecycle");
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }
}
