package dev.tarnish.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import org.springframework.util.FileSystemUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged sample, as a user runs it: {@code java -jar}, over HTTP. Every outcome of the native
 * task, then the endpoint, health and meters, then SIGKILL of the application: no worker may
 * outlive it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class SampleApplicationIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private Process app;

    private String base;

    @BeforeAll
    void startPackagedApplication() throws IOException {
        Path jar = Path.of(System.getProperty("sample.jar"));
        assertThat(jar).exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        this.base = "http://localhost:" + port;
        Path log = jar.resolveSibling("sample-app-it.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Class-data-sharing archives go to the build folder, not to the user's cache. An earlier build's
        // archive would be taken for this one's (the tests below wait for an archive to appear): start empty.
        Path cache = jar.resolveSibling("tarnish-cache");
        FileSystemUtils.deleteRecursively(cache);
        String cacheDir = "-Dtarnish.cache.dir=" + cache;
        this.app = new ProcessBuilder(java, cacheDir, "-jar", jar.toString(), "--server.port=" + port)
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
            .until(() -> get("/actuator/health").statusCode() == 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode tasks = getJson("/actuator/tarnish").get("tasks");
            return tasks.get("native").get("state").asString().equals("RUNNING");
        });
    }

    @AfterAll
    void killApplication() {
        if (this.app != null) {
            this.app.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void whenNativeCallSucceedsShouldAnswer200() throws Exception {
        HttpResponse<String> response = post("/api/native/ok?text=tarnish");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = this.json.readTree(response.body());
        assertThat(body.get("bytes").asLong()).isEqualTo(7);
        assertThat(body.get("workerPid").asLong()).isNotEqualTo(this.app.pid());
    }

    @Test
    @Order(2)
    void whenTaskThrowsShouldAnswer422() throws Exception {
        HttpResponse<String> response = post("/api/native/error");
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = this.json.readTree(response.body());
        assertThat(problem.get("exception").asString()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(problem.get("task").asString()).isEqualTo("native");
    }

    @Test
    @Order(3)
    void whenNativeCodeSegfaultsShouldAnswer502AndServeTheNextCallFromANewWorker() throws Exception {
        long before = workerPid();
        HttpResponse<String> response = post("/api/native/segfault");
        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = this.json.readTree(response.body());
        assertThat(problem.get("cause").asString()).isEqualTo("native-crash");
        assertThat(problem.get("signal").asString()).isEqualTo("SIGSEGV");
        assertThat(problem.get("fatalError").asString()).contains("libc");
        assertThat(problem.get("pid").asLong()).isEqualTo(before);
        assertThat(workerPid()).isNotEqualTo(before);
    }

    @Test
    @Order(4)
    void whenNativeCodeAbortsShouldAnswer502WithSigabrt() throws Exception {
        JsonNode problem = this.json.readTree(expectStatus(post("/api/native/abort"), 502));
        assertThat(problem.get("signal").asString()).isEqualTo("SIGABRT");
        assertThat(workerPid()).isPositive();
    }

    @Test
    @Order(5)
    void whenLibraryCallsSystemExitShouldAnswer502WithExitCode() throws Exception {
        JsonNode problem = this.json.readTree(expectStatus(post("/api/native/exit"), 502));
        assertThat(problem.get("exitCode").asInt()).isEqualTo(42);
        assertThat(problem.get("cause").asString()).isEqualTo("exit");
    }

    @Test
    @Order(6)
    void whenWorkerRunsOutOfMemoryShouldAnswer502WithOutOfMemory() throws Exception {
        JsonNode problem = this.json.readTree(expectStatus(post("/api/native/oom"), 502));
        assertThat(problem.get("cause").asString()).isEqualTo("out-of-memory");
    }

    @Test
    @Order(7)
    void whenNativeCallNeverReturnsShouldAnswer504() throws Exception {
        JsonNode problem = this.json.readTree(expectStatus(post("/api/native/hang"), 504));
        assertThat(problem.get("timeout").asString()).isEqualTo("PT5S");
        assertThat(workerPid()).isPositive();
    }

    @Test
    @Order(8)
    void whenGreetingShouldUseTheSpringBeanInjectedInTheWorker() throws Exception {
        HttpResponse<String> response = get("/api/greeting?name=Ada");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("Hello, Ada! (from worker ");
    }

    @Test
    @Order(9)
    void whenTwoHashesAtOnceShouldUseBothWorkers() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = List.of(hashAsync("a"), hashAsync("b"));
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
        JsonNode hash = getJson("/actuator/tarnish/hash");
        assertThat(hash.get("workers")).hasSize(2);
    }

    @Test
    @Order(10)
    void whenCrashesHappenedShouldShowThemInEndpointHealthAndMeters() throws Exception {
        JsonNode nativeTask = getJson("/actuator/tarnish").get("tasks").get("native");
        assertThat(nativeTask.get("crashes").asLong()).isEqualTo(4);
        assertThat(nativeTask.get("timeouts").asLong()).isEqualTo(1);
        assertThat(nativeTask.get("failures").asLong()).isEqualTo(1);
        assertThat(nativeTask.get("lastCrash").get("cause").asString()).isEqualTo("out-of-memory");
        await().atMost(Duration.ofSeconds(60))
            .until(() -> getJson("/actuator/tarnish/native").get("restarts").asLong() >= 5);
        JsonNode health = getJson("/actuator/health");
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("tarnish").get("status").asString()).isEqualTo("UP");
        JsonNode crashes = getJson("/actuator/metrics/tarnish.crashes?tag=task:native");
        assertThat(crashes.get("measurements").get(0).get("value").asDouble()).isEqualTo(4.0);
        JsonNode timeouts = getJson("/actuator/metrics/tarnish.calls?tag=task:native&tag=outcome:timeout");
        assertThat(timeouts.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    @Order(11)
    void whenTheSameInputCrashedThreeWorkersShouldRefuseItUntilTheWorkersRestart() throws Exception {
        // The segfault crashed one worker already; two more, and the input is quarantined.
        expectStatus(post("/api/native/segfault"), 502);
        expectStatus(post("/api/native/segfault"), 502);
        long crashesBefore = getJson("/actuator/tarnish/native").get("crashes").asLong();
        JsonNode problem = this.json.readTree(expectStatus(post("/api/native/segfault"), 422));
        assertThat(problem.get("type").asString()).endsWith("/poison-input");
        assertThat(problem.get("crashes").asInt()).isEqualTo(3);
        assertThat(problem.get("lastCause").asString()).isEqualTo("native-crash");
        JsonNode task = getJson("/actuator/tarnish/native");
        assertThat(task.get("crashes").asLong()).as("refused without a crash").isEqualTo(crashesBefore);
        assertThat(task.get("quarantinedInputs").asInt()).isEqualTo(1);
        assertThat(task.get("poisonRefusals").asLong()).isEqualTo(1);
        JsonNode refusals = getJson("/actuator/metrics/tarnish.poison.refusals?tag=task:native");
        assertThat(refusals.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
        // The restart operation answers with the task, its quarantine already cleared.
        JsonNode restarted = this.json.readTree(expectStatus(post("/actuator/tarnish/native"), 200));
        assertThat(restarted.get("quarantinedInputs").asInt()).isZero();
    }

    @Test
    @Order(12)
    void prometheusScrapeShouldDescribeEveryTarnishMeterAndHoldEveryMeterTheDashboardReads() throws Exception {
        List<String> scrape = expectStatus(get("/actuator/prometheus"), 200).lines().toList();
        Map<String, String> help = new TreeMap<>();
        for (String line : scrape) {
            Matcher matcher = Pattern.compile("# HELP (tarnish_\\w+) ?(.*)").matcher(line);
            if (matcher.matches()) {
                help.put(matcher.group(1), matcher.group(2));
            }
        }
        assertThat(help).containsKeys("tarnish_calls_seconds", "tarnish_crashes_total", "tarnish_restarts_total",
                "tarnish_workers", "tarnish_worker_startup_seconds", "tarnish_retries_total",
                "tarnish_poison_refusals_total", "tarnish_poison_quarantined");
        // What promtool's "no help text" finds: none of tarnish's meters may lack one.
        assertThat(help).allSatisfy((family, text) -> assertThat(text).as(family).isNotBlank());
        Set<String> read = new TreeSet<>();
        JsonNode dashboard = this.json.readTree(Path.of("..", "docs", "grafana", "tarnish-dashboard.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher names = Pattern.compile("tarnish_\\w+").matcher(target.get("expr").asString());
                while (names.find()) {
                    read.add(names.group());
                }
            }
        }
        assertThat(read).hasSizeGreaterThanOrEqualTo(9);
        for (String series : read) {
            assertThat(scrape).as("the scrape has %s", series)
                .anyMatch((line) -> line.startsWith(series + "{") || line.startsWith(series + " "));
        }
    }

    @Test
    @Order(13)
    void replacedWorkersShouldRunFromTheExtractedJar() throws Exception {
        // By now the crashes above replaced the native task's workers, after the jar was extracted.
        long pid = workerPid();
        List<String> arguments = List.of(ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow());
        int jar = arguments.indexOf("-jar");
        assertThat(jar).isNotNegative();
        Path extracted = Path.of(arguments.get(jar + 1));
        assertThat(extracted.getFileName().toString()).isEqualTo(Path.of(System.getProperty("sample.jar")).getFileName().toString());
        assertThat(extracted.getParent().getParent().getFileName().toString()).isEqualTo("jars");
        assertThat(extracted.resolveSibling("lib")).isDirectory();
    }

    @Test
    @Order(14)
    void restartedWorkersShouldShareTheClassesThatAWorkerOfTheExtractedJarArchived() throws Exception {
        Path cache = Path.of(System.getProperty("sample.jar")).resolveSibling("tarnish-cache");
        // A worker of the extracted jar trains (the replacement of a crashed trainer too), and writes the
        // archive when it is stopped: a restart stops them all.
        expectStatus(post("/actuator/tarnish/native"), 200);
        await().atMost(Duration.ofSeconds(90)).until(() -> !archives(cache).isEmpty());
        expectStatus(post("/actuator/tarnish/native"), 200);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Path archive = archives(cache).get(0);
            assertThat(nativeWorkerArguments()).anySatisfy((arguments) -> assertThat(arguments)
                .containsAnyOf("-XX:SharedArchiveFile=" + archive, "-XX:AOTCache=" + archive));
        });
        assertThat(workerPid()).isPositive();
    }

    private static List<Path> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter((file) -> file.toString().endsWith(".jsa") || file.toString().endsWith(".aot")).toList();
        }
    }

    private List<List<String>> nativeWorkerArguments() throws Exception {
        List<List<String>> arguments = new ArrayList<>();
        for (JsonNode worker : getJson("/actuator/tarnish/native").get("workers")) {
            ProcessHandle.of(worker.get("pid").asLong())
                .flatMap((handle) -> handle.info().arguments())
                .ifPresent((options) -> arguments.add(List.of(options)));
        }
        return arguments;
    }

    @Test
    @Order(15)
    void whenApplicationIsKilledShouldLeaveNoWorkerBehind() {
        List<ProcessHandle> workers = this.app.toHandle().descendants().toList();
        assertThat(workers).hasSizeGreaterThanOrEqualTo(4);
        this.app.destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
    }

    private long workerPid() throws Exception {
        HttpResponse<String> response = post("/api/native/ok");
        return this.json.readTree(expectStatus(response, 200)).get("workerPid").asLong();
    }

    private String expectStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private CompletableFuture<HttpResponse<String>> hashAsync(String text) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/api/hash"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\",\"rounds\":200000}")).build();
        return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(60))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        return this.json.readTree(get(path).body());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
