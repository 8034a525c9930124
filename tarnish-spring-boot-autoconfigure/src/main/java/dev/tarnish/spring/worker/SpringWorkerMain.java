package dev.tarnish.spring.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.tarnish.Tarnish;

import org.springframework.boot.SpringApplication;

/**
 * The library's worker main for applications whose own main cannot be re-run, such as a
 * {@code @SpringBootTest}: boots the given configuration classes as a Spring Boot application, which
 * the launch hook runs in worker mode.
 *
 * <p>Arguments: the sources (configuration class names) followed by application arguments that start
 * with {@code --}. Exit statuses: 0 after a requested shutdown, {@link Tarnish#STARTUP_FAILED_EXIT_CODE}
 * when the task could not be created, 64 when not started by tarnish or without a source.
 */
public final class SpringWorkerMain {

    private SpringWorkerMain() {
    }

    /**
     * Runs the worker.
     * @param args configuration class names, then {@code --} application arguments
     */
    public static void main(String[] args) {
        Set<String> sources = new LinkedHashSet<>();
        List<String> applicationArguments = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                applicationArguments.add(arg);
            }
            else {
                sources.add(arg);
            }
        }
        if (!Tarnish.isWorker() || sources.isEmpty()) {
            System.err.println("tarnish: " + SpringWorkerMain.class.getName()
                    + " runs only as a worker started by tarnish, with configuration classes as arguments");
            System.exit(64);
        }
        Tarnish.watchParent();
        SpringApplication application = new SpringApplication();
        application.setSources(sources);
        // The launch hook serves calls and exits once the context has started; if it did not (tarnish
        // missing from the class path), there is no task to serve.
        application.run(applicationArguments.toArray(String[]::new));
        SpringWorker.failStartup(new IllegalStateException("The application started without serving task '"
                + Tarnish.workerTaskName() + "'; is tarnish-spring-boot-autoconfigure on its class path?"));
    }
}
