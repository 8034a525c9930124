package dev.tarnish.spring.it.web;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.tarnish.spring.it.Marks;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A web application with what a worker must not start: a web server, a scheduled job and a runner.
 * Each leaves a mark with its pid.
 */
@SpringBootApplication
@EnableScheduling
public class WebTestApplication {

    @Bean
    CommandLineRunner markingRunner() {
        return (args) -> Marks.write("runner");
    }

    @Component
    static class Jobs {

        private final AtomicBoolean ticked = new AtomicBoolean();

        @Scheduled(fixedDelay = 100)
        void tick() {
            if (this.ticked.compareAndSet(false, true)) {
                Marks.write("scheduled");
            }
        }

        @EventListener
        void webServerStarted(WebServerInitializedEvent event) {
            Marks.write("web");
        }
    }
}
