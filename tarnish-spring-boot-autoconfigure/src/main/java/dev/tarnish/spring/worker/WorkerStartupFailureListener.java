package dev.tarnish.spring.worker;

import dev.tarnish.Tarnish;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * In a worker whose application failed to start: tells the parent why, and exits. The last run
 * listener, so that Spring Boot has published its failure event (and logged the condition report
 * hint, cleaned up logging) first; {@link WorkerModeRunListener} runs first for everything else.
 */
class WorkerStartupFailureListener implements SpringApplicationRunListener, Ordered {

    WorkerStartupFailureListener(SpringApplication application, String[] args) {
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        if (Tarnish.isWorker()) {
            SpringWorker.failStartup(exception);
        }
    }
}
