package dev.tarnish.spring.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.tarnish.CrashCause;
import dev.tarnish.SupervisedProcess;
import dev.tarnish.TaskFailedException;
import dev.tarnish.TaskTimeoutException;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;
import dev.tarnish.spring.TarnishProcesses;
import dev.tarnish.spring.it.Marks;
import dev.tarnish.spring.it.web.Shapes.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * The starter end to end, with real worker processes of a web application: one application context
 * (and one start-up of each task's workers) for all tests here. Assertions on counts are relative,
 * so the tests do not depend on their order.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,tarnish,metrics",
        "management.endpoint.health.show-details=always",
        "tarnish.defaults.jvm-args=-Xmx128m,-Xss512k",
        "tarnish.defaults.shutdown-timeout=2s",
        "tarnish.tasks.broken.crash-loop-threshold=1",
        "tarnish.tasks.broken.restart-backoff=1h",
        "tarnish.tasks.broken.max-restart-backoff=1h",
        // Higher than the annotation's 60s; the name has a dot, so it goes in brackets.
        "tarnish.tasks[shapes.scale].call-timeout=5s" })
@ExtendWith(OutputCaptureExtension.class)
class WebApplicationIntegrationTests {

    private static final Duration WORKER_START = Duration.ofSeconds(90);

    private static final long PARENT = ProcessHandle.current().pid();

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private Reports reports;

    @Autowired
    private SupervisedProcess<EchoTask> echo;

    @Autowired
    private SupervisedProcess<CrashTask> crash;

    @Autowired
    private Shapes shapes;

    @Autowired
    private SupervisedProcess<WorkerBeansTask> workerBeans;

    @Autowired
    private ListableBeanFactory beans;

    @Autowired
    private TarnishProcesses processes;

    @LocalServerPort
    private int port;

    @Test
    void workerShouldHaveTheRegistriesATaskNeedsButNotTheApplicationsHealthMetersOrWebConfiguration() {
        List<String> leftOut = List.of("org.springframework.boot.health.registry.HealthContributorRegistry",
                "io.micrometer.core.instrument.binder.jvm.JvmGcMetrics",
                "org.springframework.boot.actuate.endpoint.invoke.ParameterValueMapper",
                "org.springframework.web.servlet.DispatcherServlet");
        for (String type : leftOut) {
            assertThat(beansOfType(type)).as("in the application: " + type).isNotEmpty();
            assertThat(this.workerBeans.<List<String>>call(type)).as("in a worker: " + type).isEmpty();
        }
        for (String kept : List.of("io.micrometer.core.instrument.MeterRegistry",
                "io.micrometer.observation.ObservationRegistry", "dev.tarnish.CallContext")) {
            assertThat(this.workerBeans.<List<String>>call(kept)).as("in a worker: " + kept).isNotEmpty();
        }
    }

    private List<String> beansOfType(String typeName) {
        Class<?> type = ClassUtils.resolveClassName(typeName, getClass().getClassLoader());
        return List.of(this.beans.getBeanNamesForType(type, true, false));
    }

    @Test
    void isolatedMethodShouldRunInAWorkerOfItsBeanWithSeveralArguments() {
        Shape scaled = this.shapes.scale(new Shape("square", 3, 0), 4, "");
        assertThat(scaled.name()).isEqualTo("Hello square");
        assertThat(scaled.size()).isEqualTo(12);
        assertThat(scaled.pid()).isNotEqualTo(PARENT);
        assertThat(this.processes.find("shapes.scale")).get()
            .satisfies((process) -> assertThat(pids(process)).contains(scaled.pid()));
        assertThat(this.shapes.pid()).as("a method without @Isolated").isEqualTo(PARENT);
        assertThat(meter("tarnish.calls", "task:shapes.scale", "outcome:success")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void isolatedMethodThatSegfaultsShouldFailWithTheCrashAndBeServedByANewWorker() {
        Shape first = this.shapes.scale(new Shape("dot", 1, 0), 1, "");
        long crashesBefore = get("/actuator/tarnish/shapes.scale").get("crashes").asLong();
        assertThatExceptionOfType(WorkerCrashedException.class)
            .isThrownBy(() -> this.shapes.scale(new Shape("dot", 1, 0), 1, "segfault"))
            .satisfies((ex) -> {
                assertThat(ex.getTaskName()).isEqualTo("shapes.scale");
                assertThat(ex.getReport().cause()).isEqualTo(CrashCause.NATIVE_CRASH);
                assertThat(ex.getReport().fatalError()).contains("SIGSEGV");
            });
        Shape after = this.shapes.scale(new Shape("dot", 1, 0), 2, "");
        assertThat(after.size()).isEqualTo(2);
        assertThat(after.pid()).isNotIn(first.pid(), PARENT);
        assertThat(get("/actuator/tarnish/shapes.scale").get("crashes").asLong()).isEqualTo(crashesBefore + 1);
        assertThat(meter("tarnish.crashes", "task:shapes.scale", "cause:native-crash")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void isolatedMethodThatThrowsShouldFailWithTheTasksExceptionAndKeepItsWorker() {
        long pid = this.shapes.scale(new Shape("ring", 1, 0), 1, "").pid();
        assertThatExceptionOfType(TaskFailedException.class)
            .isThrownBy(() -> this.shapes.scale(new Shape("ring", 1, 0), 1, "fail"))
            .satisfies((ex) -> {
                assertThat(ex.getRemoteClassName()).isEqualTo(UncheckedIOException.class.getName());
                assertThat(ex.getRemoteMessage()).contains("cannot scale ring");
            });
        assertThat(this.shapes.scale(new Shape("ring", 1, 0), 1, "").pid()).isEqualTo(pid);
    }

    @Test
    void isolatedMethodShouldTakeItsCallTimeoutFromTheBracketedProperty() {
        this.shapes.scale(new Shape("star", 1, 0), 1, "");
        assertThatExceptionOfType(TaskTimeoutException.class)
            .isThrownBy(() -> this.shapes.scale(new Shape("star", 1, 0), 1, "hang"))
            .satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(this.shapes.scale(new Shape("star", 1, 0), 1, "").size()).isEqualTo(1);
    }

    @Test
    void isolatedMethodReturningAFutureShouldCompleteWithTheWorkersValue() {
        CompletableFuture<List<String>> outlines = this.shapes.outlines(List.of(new Shape("a", 1, 0),
                new Shape("b", 2, 0)));
        List<String> names = outlines.join();
        assertThat(names).hasSize(2).allSatisfy((name) -> assertThat(name).doesNotEndWith("@" + PARENT));
        assertThat(names.get(0)).startsWith("a@");
        assertThat(get("/actuator/tarnish").get("tasks").get("outlines").get("calls").asLong())
            .isGreaterThanOrEqualTo(1);
    }

    @Test
    void whenInjectedByGenericTypeShouldRunTaskWithItsDependenciesInAWorker() {
        assertThat(this.reports.echo.name()).isEqualTo("echo");
        assertThat(this.reports.crash.name()).isEqualTo("crashTask");
        String reply = this.reports.echo.call("Ada");
        assertThat(reply).startsWith("Hello Ada from ");
        long pid = Long.parseLong(reply.substring(reply.lastIndexOf(' ') + 1));
        assertThat(pid).isNotEqualTo(PARENT);
        assertThat(this.echo.status().workers()).extracting(WorkerStatus::pid).contains(pid);
    }

    @Test
    void whenTasksRunShouldNeverInitializeTaskClassesInTheApplication() {
        this.echo.call("Bob");
        this.crash.call("nothing");
        Set<Long> workers = workerPids();
        assertThat(workers).isNotEmpty().allSatisfy((pid) -> assertThat(Marks.has("init-echo", pid)
                || Marks.has("init-crash", pid)).isTrue());
        assertThat(Marks.read()).noneMatch((mark) -> mark.startsWith("init-") && mark.endsWith(" " + PARENT));
    }

    @Test
    void whenWorkerRunsShouldStartNoWebServerScheduledJobOrRunner() {
        this.echo.call("Cy");
        this.crash.call("nothing");
        await().atMost(Duration.ofSeconds(30)).until(() -> Marks.has("scheduled", PARENT));
        assertThat(Marks.has("web", PARENT)).isTrue();
        assertThat(Marks.has("runner", PARENT)).isTrue();
        for (long pid : workerPids()) {
            assertThat(Marks.read()).as("marks of worker %d", pid)
                .noneMatch((mark) -> mark.endsWith(" " + pid) && !mark.startsWith("init-"));
        }
    }

    @Test
    void whenWorkerCrashesShouldCountItRestartAndLog(CapturedOutput output) {
        this.crash.call("warm-up");
        JsonNode before = get("/actuator/tarnish/crashTask");
        assertThatExceptionOfType(WorkerCrashedException.class).isThrownBy(() -> this.crash.call("halt"))
            .satisfies((ex) -> assertThat(ex.getReport().exitCode()).isEqualTo(42));
        await().atMost(WORKER_START).untilAsserted(() -> {
            JsonNode task = get("/actuator/tarnish/crashTask");
            assertThat(task.get("crashes").asLong()).isEqualTo(before.get("crashes").asLong() + 1);
            assertThat(task.get("restarts").asLong()).isGreaterThan(before.get("restarts").asLong());
            assertThat(task.get("lastCrash").get("cause").asString()).isEqualTo("exit");
            assertThat(task.get("lastCrash").get("exitCode").asInt()).isEqualTo(42);
            assertThat(task.get("state").asString()).isEqualTo("RUNNING");
        });
        assertThat(this.crash.<String>call("again")).isEqualTo("survived again");
        assertThat(meter("tarnish.crashes", "task:crashTask", "cause:exit")).isGreaterThanOrEqualTo(1);
        assertThat(meter("tarnish.calls", "task:crashTask", "outcome:crash")).isGreaterThanOrEqualTo(1);
        assertThat(meter("tarnish.restarts", "task:crashTask")).isGreaterThanOrEqualTo(1);
        // The core logs through System.Logger and java.util.logging; Boot must route it to its logging system.
        assertThat(output.getAll()).containsPattern("WARN .*of task 'crashTask' exited")
            .doesNotContain("WARNING: Worker");
    }

    @Test
    void whenCallTimesOutShouldKillTheWorkerAndCountIt() {
        this.crash.call("warm-up");
        long timeoutsBefore = get("/actuator/tarnish/crashTask").get("timeouts").asLong();
        assertThatExceptionOfType(TaskTimeoutException.class)
            .isThrownBy(() -> this.crash.call("hang", Duration.ofSeconds(2)));
        JsonNode task = get("/actuator/tarnish/crashTask");
        assertThat(task.get("timeouts").asLong()).isEqualTo(timeoutsBefore + 1);
        assertThat(meter("tarnish.calls", "task:crashTask", "outcome:timeout")).isGreaterThanOrEqualTo(1);
        assertThat(this.crash.<String>call("after", Duration.ofSeconds(60))).isEqualTo("survived after");
    }

    @Test
    void whenATaskIsInACrashLoopHealthShouldBeDown() {
        await().atMost(WORKER_START).untilAsserted(() -> {
            JsonNode health = get("/actuator/health/tarnish");
            assertThat(health.get("status").asString()).isEqualTo("DOWN");
            assertThat(health.get("details").get("broken").get("state").asString()).isEqualTo("CRASH_LOOP");
        });
        JsonNode broken = get("/actuator/tarnish/broken");
        assertThat(broken.get("lastCrash").get("cause").asString()).isEqualTo("startup-failure");
        assertThat(broken.toString()).contains("native library missing");
        this.echo.call("Dee");
        assertThat(get("/actuator/health/tarnish").get("details").get("echo").get("state").asString())
            .isEqualTo("RUNNING");
    }

    @Test
    void whenRestartIsRequestedShouldReplaceTheWorkers() {
        this.echo.call("Eve");
        Set<Long> before = pids(this.echo);
        long restartsBefore = this.echo.status().restarts();
        RestClient.create("http://localhost:" + this.port).post().uri("/actuator/tarnish/echo").retrieve().toBodilessEntity();
        await().atMost(WORKER_START).untilAsserted(() -> {
            assertThat(this.echo.status().restarts()).isGreaterThan(restartsBefore);
            assertThat(this.echo.status().workers()).isNotEmpty()
                .allSatisfy((worker) -> assertThat(before).doesNotContain(worker.pid()));
        });
        assertThat(this.echo.call("Fay").toString()).startsWith("Hello Fay");
    }

    @Test
    void endpointShouldReturnTheContractJson() {
        this.echo.call("Gus");
        JsonNode tasks = get("/actuator/tarnish").get("tasks");
        assertThat(names(tasks)).contains("echo", "crashTask", "broken", "shapes.scale", "outlines");
        JsonNode echo = tasks.get("echo");
        // The contract's fields, then the second wave's: retries and the poison quarantine.
        assertThat(names(echo)).containsExactlyInAnyOrder("state", "workers", "calls", "failures", "crashes",
                "timeouts", "restarts", "lastCrash", "retries", "poisonRefusals", "quarantinedInputs");
        assertThat(names(echo.get("workers").get(0))).containsExactlyInAnyOrder("pid", "state", "calls");
        assertThat(names(tasks.get("broken").get("lastCrash"))).containsExactlyInAnyOrder("pid", "cause",
                "exitCode", "signal", "fatalError", "detail", "stderrTail", "time");
        assertThat(meter("tarnish.calls", "task:echo", "outcome:success")).isGreaterThanOrEqualTo(1);
        assertThat(meter("tarnish.workers", "task:echo", "state:idle")).isGreaterThanOrEqualTo(1);
        assertThat(meter("tarnish.worker.startup", "task:echo")).isGreaterThanOrEqualTo(1);
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.properties().forEach((property) -> names.add(property.getKey()));
        return names;
    }

    private Set<Long> workerPids() {
        Set<Long> pids = new HashSet<>(pids(this.echo));
        pids.addAll(pids(this.crash));
        return pids;
    }

    private static Set<Long> pids(SupervisedProcess<?> process) {
        Set<Long> pids = new HashSet<>();
        process.status().workers().stream().filter((worker) -> worker.state() != WorkerState.STARTING)
            .forEach((worker) -> pids.add(worker.pid()));
        return pids;
    }

    /** The first measurement (COUNT or VALUE) of a meter, from the metrics endpoint. */
    private double meter(String name, String... tags) {
        StringBuilder uri = new StringBuilder("/actuator/metrics/").append(name);
        for (int i = 0; i < tags.length; i++) {
            uri.append((i == 0) ? '?' : '&').append("tag=").append(tags[i]);
        }
        JsonNode measurements = get(uri.toString()).get("measurements");
        return (measurements != null) ? measurements.get(0).get("value").asDouble() : -1;
    }

    /** GET as JSON, whatever the status: health is 503 when down. */
    private JsonNode get(String path) {
        String body = RestClient.create("http://localhost:" + this.port).get().uri(path)
            .exchange((request, response) -> new String(response.getBody().readAllBytes()));
        return this.json.readTree(body);
    }
}
