package dev.tarnish.smoke;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** A listener bean of availability changes, as a load-balancer registration would be. */
@Component
class AvailabilityListener implements ApplicationListener<AvailabilityChangeEvent<?>> {

    private final Journal journal;

    AvailabilityListener(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
        this.journal.write("availability", event.getState().toString());
    }
}
