package dev.tarnish.spring.it.main;

import dev.tarnish.IsolatedProcess;
import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application started through its own {@code main}, as from an IDE or {@code spring-boot:run}:
 * its workers re-run this main. Its runner calls the task once, prints the reply and the
 * application exits.
 */
@SpringBootApplication
public class MainApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(MainApplication.class, args)));
    }

    @Bean
    ApplicationRunner callOnce(IsolatedProcess<PingTask> ping) {
        return (args) -> System.out.println("REPLY " + ping.call("ping") + " PARENT " + ProcessHandle.current().pid());
    }

    /** Answers with the pid of the worker. */
    @TarnishTask(name = "ping")
    public static class PingTask implements Task<String, String> {

        @Override
        public String run(String input) {
            return input + "-" + ProcessHandle.current().pid();
        }
    }
}
