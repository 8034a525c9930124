package dev.tarnish.spring.it.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A worker's log in the application's structured log: an application with Spring Boot's ECS console
 * format, in a JVM of its own (its logging is its own, not the test JVM's), whose worker logs with an
 * MDC value. The application's output holds each of the worker's events as an event of its own, with
 * the worker's level, logger and message and the task, pid and MDC value as fields, not as JSON inside
 * a message.
 */
class WorkerLogsIntegrationTests {

    private static final Duration WORKER_START = Duration.ofSeconds(120);

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void whenAWorkerLogsShouldTheApplicationsStructuredLogHoldItsEventsWithTaskPidAndMdc(@TempDir Path directory)
            throws Exception {
        Path output = directory.resolve("out.txt");
        Process application = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LogsApplication.class.getName(), "--spring.main.banner-mode=off", "--server.port=0",
                "--logging.structured.format.console=ecs"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        long worker;
        try {
            JsonNode warning = await().atMost(WORKER_START).until(() -> event(output, "worker says hello"),
                    Optional::isPresent).orElseThrow();
            worker = warning.path("tarnish").path("worker").path("pid").asLong();
            assertThat(worker).isPositive().isNotEqualTo(application.pid());
            assertThat(warning.path("log").path("level").asString()).isEqualTo("WARN");
            assertThat(warning.path("log").path("logger").asString()).isEqualTo(LogsApplication.LoggingTask.class.getName());
            assertThat(warning.path("tarnish").path("task").asString()).isEqualTo("logging");
            assertThat(warning.path("traceId").asString()).isEqualTo("trace-hello");
            assertThat(warning.path("process").path("pid").asLong()).isEqualTo(application.pid());

            JsonNode error = await().atMost(Duration.ofSeconds(30)).until(() -> event(output, "worker failed on hello"),
                    Optional::isPresent).orElseThrow();
            assertThat(error.path("log").path("level").asString()).isEqualTo("ERROR");
            assertThat(error.path("message").asString()).startsWith("worker failed on hello")
                .contains("java.lang.IllegalStateException: deliberately, hello")
                .contains("at " + LogsApplication.LoggingTask.class.getName() + ".run(");

            JsonNode plain = await().atMost(Duration.ofSeconds(30)).until(() -> event(output,
                    "plain println from the worker"), Optional::isPresent).orElseThrow();
            assertThat(plain.path("log").path("level").asString()).isEqualTo("INFO");
            assertThat(plain.path("log").path("logger").asString()).isEqualTo("dev.tarnish.worker.logging");
            assertThat(plain.path("tarnish").path("worker").path("pid").asLong()).isEqualTo(worker);

            assertThat(Files.readAllLines(output)).as("no event of the worker as JSON inside a message")
                .noneMatch((line) -> line.contains("\"message\":\"{"));
        }
        finally {
            application.destroy();
            if (!application.waitFor(60, TimeUnit.SECONDS)) {
                application.destroyForcibly();
            }
        }
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ProcessHandle.of(worker).map((handle) -> !handle.isAlive()).orElse(true));
    }

    /** The first event of the application's log with this message, or with a message that starts with it. */
    private Optional<JsonNode> event(Path output, String message) throws IOException {
        for (String line : Files.readAllLines(output)) {
            if (line.startsWith("{")) {
                try {
                    JsonNode node = this.json.readTree(line);
                    if (node.path("message").asString().startsWith(message)) {
                        return Optional.of(node);
                    }
                }
                catch (JacksonException ex) {
                    // A line still being written.
                }
            }
        }
        return Optional.empty();
    }
}
