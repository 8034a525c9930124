package dev.tarnish.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tarnish.CallOutcome;
import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;
import dev.tarnish.SupervisedProcess;
import dev.tarnish.TaskState;
import dev.tarnish.TaskStatus;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;
import dev.tarnish.spring.TarnishProcesses;
import dev.tarnish.spring.fixtures.StubProcess;
import dev.tarnish.spring.fixtures.tasks.ReverseTask;
import dev.tarnish.spring.fixtures.tasks.UppercaseTask;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.ResolvableType;

/**
 * The endpoint, health indicator and meters over processes whose status the test sets.
 */
class TarnishManagementTests {

    private static final CrashReport CRASH = new CrashReport("reverse", 42, CrashCause.NATIVE_CRASH, 134, "SIGSEGV",
            "# SIGSEGV (0xb)", null, List.of("last line"), Instant.parse("2026-01-01T00:00:00Z"));

    private final StubProcess<UppercaseTask> upper = new StubProcess<>("upper");

    private final StubProcess<ReverseTask> reverse = new StubProcess<>("reverse");

    private final TarnishProcesses processes = processes(this.upper, this.reverse);

    @Test
    void endpointShouldDescribeEveryTask() {
        this.reverse.status(new TaskStatus("reverse", TaskState.RUNNING,
                List.of(new WorkerStatus(7, WorkerState.BUSY, 3, Instant.now())), 5, 1, 1, 1, 2, 0, CRASH, 4, 2, 1));
        TarnishEndpoint.TasksDescriptor tasks = new TarnishEndpoint(this.processes).tasks();
        assertThat(tasks.tasks()).containsOnlyKeys("upper", "reverse");
        TarnishEndpoint.TaskDescriptor reverse = tasks.tasks().get("reverse");
        assertThat(reverse).isEqualTo(new TarnishEndpoint.TaskDescriptor("RUNNING",
                List.of(new TarnishEndpoint.WorkerDescriptor(7, "BUSY", 3)), 5, 1, 1, 1, 2,
                new TarnishEndpoint.CrashDescriptor(42, "native-crash", 134, "SIGSEGV", "# SIGSEGV (0xb)", null,
                        List.of("last line"), Instant.parse("2026-01-01T00:00:00Z")), 4, 2, 1));
    }

    @Test
    void endpointShouldFindOneTaskAndRestartIt() {
        TarnishEndpoint endpoint = new TarnishEndpoint(this.processes);
        assertThat(endpoint.task("upper").state()).isEqualTo("RUNNING");
        assertThat(endpoint.task("nope")).isNull();
        assertThat(endpoint.restart("upper")).isNotNull();
        assertThat(endpoint.restart("nope")).isNull();
        assertThat(this.upper.restartRequests()).isEqualTo(1);
        assertThat(this.reverse.restartRequests()).isZero();
    }

    @Test
    void healthShouldBeUpWhenNoTaskIsInACrashLoop() {
        this.reverse.status(new TaskStatus("reverse", TaskState.RUNNING, List.of(), 0, 0, 3, 0, 3, 0, CRASH, 0, 0, 0));
        Health health = new TarnishHealthIndicator(this.processes).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsOnlyKeys("upper", "reverse");
    }

    @Test
    void healthShouldBeOutOfServiceWhileATaskHasNoReadyWorker() {
        this.reverse.status(new TaskStatus("reverse", TaskState.STARTING, List.of(), 0, 0, 0, 0, 0, 0, null, 0, 0, 0));
        Health health = new TarnishHealthIndicator(this.processes).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails().get("reverse").toString()).contains("STARTING");
    }

    @Test
    void everyMeterShouldCarryADescription() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TarnishProcessesMeterBinder(this.processes).bindTo(registry);
        TarnishMetricsListener listener = new TarnishMetricsListener(registry);
        listener.callCompleted("reverse", CallOutcome.SUCCESS, Duration.ofMillis(1));
        listener.workerCrashed(CRASH);
        listener.workerStarted("reverse", 7, Duration.ofMillis(500), false);
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy((meter) -> assertThat(meter.getId().getDescription())
            .as(meter.getId().getName()).isNotBlank());
    }

    @Test
    void healthShouldBeDownWhenATaskIsInACrashLoop() {
        this.reverse.status(new TaskStatus("reverse", TaskState.CRASH_LOOP, List.of(), 0, 0, 5, 0, 5, 0, CRASH, 0, 0, 0));
        Health health = new TarnishHealthIndicator(this.processes).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("reverse").toString()).contains("CRASH_LOOP", "native-crash");
    }

    @Test
    void metricsListenerShouldRecordCallsCrashesAndStartups() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TarnishMetricsListener listener = new TarnishMetricsListener(registry);
        listener.callCompleted("reverse", CallOutcome.SUCCESS, Duration.ofMillis(3));
        listener.callCompleted("reverse", CallOutcome.SUCCESS, Duration.ofMillis(4));
        listener.callCompleted("reverse", CallOutcome.TIMEOUT, Duration.ofSeconds(1));
        listener.workerCrashed(CRASH);
        listener.workerStarted("reverse", 42, Duration.ofSeconds(2), false);
        assertThat(registry.get("tarnish.calls").tags("task", "reverse", "outcome", "success").timer().count())
            .isEqualTo(2);
        assertThat(registry.get("tarnish.calls").tags("task", "reverse", "outcome", "timeout").timer().count())
            .isEqualTo(1);
        assertThat(registry.get("tarnish.crashes").tags("task", "reverse", "cause", "native-crash").counter().count())
            .isEqualTo(1);
        assertThat(registry.get("tarnish.worker.startup").tags("task", "reverse").timer().count()).isEqualTo(1);
    }

    @Test
    void meterBinderShouldReadWorkersAndRestartsFromStatus() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TarnishProcessesMeterBinder(this.processes).bindTo(registry);
        this.reverse.status(new TaskStatus("reverse", TaskState.RUNNING,
                List.of(new WorkerStatus(7, WorkerState.BUSY, 3, Instant.now()),
                        new WorkerStatus(8, WorkerState.IDLE, 3, Instant.now())), 5, 0, 0, 0, 4, 0, null, 3, 2, 1));
        assertThat(registry.get("tarnish.workers").tags("task", "reverse", "state", "busy").gauge().value()).isEqualTo(1);
        assertThat(registry.get("tarnish.workers").tags("task", "reverse", "state", "starting").gauge().value()).isZero();
        assertThat(registry.get("tarnish.restarts").tags("task", "reverse").functionCounter().count()).isEqualTo(4);
        assertThat(registry.get("tarnish.retries").tags("task", "reverse").functionCounter().count()).isEqualTo(3);
        assertThat(registry.get("tarnish.poison.refusals").tags("task", "reverse").functionCounter().count())
            .isEqualTo(2);
        assertThat(registry.get("tarnish.poison.quarantined").tags("task", "reverse").gauge().value()).isEqualTo(1);
        assertThat(registry.get("tarnish.workers").tags("task", "upper", "state", "idle").gauge().value()).isZero();
    }

    private static TarnishProcesses processes(SupervisedProcess<?>... processes) {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        for (SupervisedProcess<?> process : processes) {
            beanFactory.registerSingleton(process.name(), process);
        }
        return new TarnishProcesses(beanFactory.getBeanProvider(ResolvableType.forClass(SupervisedProcess.class)));
    }
}
