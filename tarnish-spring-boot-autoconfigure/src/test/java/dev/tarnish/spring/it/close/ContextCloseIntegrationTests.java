package dev.tarnish.spring.it.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;
import dev.tarnish.spring.worker.ApplicationWorkerLaunch;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application context ends every worker, gracefully if idle and by kill if busy in a
 * call that never returns. The application is run by the test itself, where Spring takes the test
 * runner for the main class: workers must still boot the application, not the runner.
 */
class ContextCloseIntegrationTests {

    @Test
    void whenContextClosesShouldEndIdleAndBusyWorkers() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CloseTestApplication.class)
            .web(WebApplicationType.NONE)
            .properties("tarnish.defaults.shutdown-timeout=1s", "tarnish.defaults.jvm-args=-Xmx128m")
            .run();
        List<Long> pids;
        CompletableFuture<Object> stuck;
        try {
            assertThat(context.getBean(ApplicationWorkerLaunch.class).rerunsApplication()).isFalse();
            SupervisedProcess<?> hang = context.getBean("hang", SupervisedProcess.class);
            await().atMost(Duration.ofSeconds(90)).until(() -> hang.status().countWorkers(WorkerState.IDLE) == 2);
            stuck = hang.callAsync("forever");
            await().atMost(Duration.ofSeconds(30)).until(() -> hang.status().countWorkers(WorkerState.BUSY) == 1);
            pids = hang.status().workers().stream().map(WorkerStatus::pid).toList();
            assertThat(pids).hasSize(2).allMatch(ContextCloseIntegrationTests::isAlive);
        }
        finally {
            context.close();
        }
        assertThat(pids).noneMatch(ContextCloseIntegrationTests::isAlive);
        await().atMost(Duration.ofSeconds(10)).until(stuck::isDone);
        assertThat(stuck).isCompletedExceptionally();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
