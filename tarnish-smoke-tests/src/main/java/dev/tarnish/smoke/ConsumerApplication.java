package dev.tarnish.smoke;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as users write one, with everything that must not run twice: a Kafka listener
 * ({@link OrdersListener}), a Quartz job ({@link HeartbeatJob}), Liquibase migrations, a Spring Batch
 * job run at start-up ({@link ImportJobConfiguration}), a {@code SmartLifecycle} bean
 * ({@link ReportsLifecycle}), listeners of the application's events ({@link LifeEventListeners},
 * {@link AvailabilityListener}) and a bean kept out of workers by profile ({@link NeverInWorker}).
 * Its task ({@link InventoryTask}) uses a {@code JdbcTemplate} and JPA. Each of them writes to the
 * {@link Journal}, from whichever process it runs in.
 */
@SpringBootApplication
public class ConsumerApplication {

    /**
     * Runs the application.
     * @param args the arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(ConsumerApplication.class, args);
    }
}
