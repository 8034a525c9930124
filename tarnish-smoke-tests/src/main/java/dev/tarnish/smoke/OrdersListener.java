package dev.tarnish.smoke;

import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the application's orders: in the application only, never in a worker. It also hears when
 * the context is refreshed, as a consumer that warms a cache would, which in a plain copy of the
 * application is enough to create it, and with it its listener container, in every worker.
 */
@Component
class OrdersListener {

    private final Journal journal;

    OrdersListener(Journal journal) {
        this.journal = journal;
    }

    @EventListener
    void onRefreshed(ContextRefreshedEvent event) {
        this.journal.write("refreshed");
    }

    @KafkaListener(topics = "orders", groupId = "smoke-orders")
    void onOrder(String order) {
        this.journal.write("kafka", order);
    }
}
