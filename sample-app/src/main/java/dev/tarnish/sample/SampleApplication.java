package dev.tarnish.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that calls crash-prone native code through tarnish, and keeps serving when that
 * code takes its worker process down.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the application, or, when started by tarnish with {@code TARNISH_WORKER} set, a worker.
     * @param args the program arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
