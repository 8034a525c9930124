package dev.tarnish.spring.it.logs;

import dev.tarnish.IsolatedProcess;
import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application started through its own {@code main}, whose task logs in its worker: its runner
 * calls the task once and prints the worker's pid; the application then runs until it is stopped.
 */
@SpringBootApplication
public class LogsApplication {

    public static void main(String[] args) {
        SpringApplication.run(LogsApplication.class, args);
    }

    @Bean
    ApplicationRunner callOnce(IsolatedProcess<LoggingTask> logging) {
        return (args) -> System.out.println("CALLED " + logging.call("hello"));
    }

    /** Logs a warning with a value in its MDC, an error with an exception, and prints a plain line. */
    @TarnishTask(name = "logging")
    public static class LoggingTask implements Task<String, Long> {

        private static final Logger logger = LoggerFactory.getLogger(LoggingTask.class);

        @Override
        public Long run(String input) {
            MDC.put("traceId", "trace-" + input);
            try {
                logger.warn("worker says {}", input);
                logger.error("worker failed on {}", input, new IllegalStateException("deliberately, " + input));
            }
            finally {
                MDC.remove("traceId");
            }
            System.out.println("plain println from the worker");
            return ProcessHandle.current().pid();
        }
    }
}
