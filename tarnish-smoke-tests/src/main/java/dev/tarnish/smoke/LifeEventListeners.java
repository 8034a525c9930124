package dev.tarnish.smoke;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Work done when the application has started: mails sent, caches warmed. Once, by the application. */
@Component
class LifeEventListeners {

    private final Journal journal;

    LifeEventListeners(Journal journal) {
        this.journal = journal;
    }

    @EventListener
    void onStarted(ApplicationStartedEvent event) {
        this.journal.write("started");
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        this.journal.write("ready");
    }
}
