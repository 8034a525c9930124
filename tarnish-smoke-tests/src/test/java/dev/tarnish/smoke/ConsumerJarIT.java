package dev.tarnish.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The packaged consumer application started as users start it, {@code java -jar}, so that its
 * workers re-run the jar: its Kafka listener on a real broker (embedded in this test's JVM, reached
 * over TCP) consumes every record in the application and none in the worker; Quartz, the Batch job,
 * the lifecycle bean and the event listeners run once, in the application; the worker runs its task
 * with the {@code tarnish-worker} profile and an untouched database; stopping the application leaves
 * no worker behind.
 */
class ConsumerJarIT {

    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    static Path folder;

    private static EmbeddedKafkaKraftBroker broker;

    private static Process application;

    private static List<ProcessHandle> started = List.of();

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1, "orders");
        broker.afterPropertiesSet();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        application = new ProcessBuilder(java, "-Xmx256m", "-Dtarnish.cache.dir=" + folder.resolve("cache"), "-jar",
                System.getProperty("smoke.jar"), "--smoke.journal=" + journal(), "--smoke.check-on-start=true",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--tarnish.defaults.jvm-args=-Xmx96m")
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("application.log").toFile())
            .start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (application != null) {
                started = application.descendants().toList();
                application.destroy();
                if (!application.waitFor(60, TimeUnit.SECONDS)) {
                    application.destroyForcibly();
                }
                // No worker outlives the application it belongs to.
                await().atMost(Duration.ofSeconds(30)).until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
            }
        }
        finally {
            started.forEach(ProcessHandle::destroyForcibly);
            if (broker != null) {
                broker.destroy();
            }
        }
    }

    @Test
    void workerOfThePackagedApplicationShouldBeTheTaskAndNothingElse() throws Exception {
        await().atMost(START).until(() -> !lines("quoted").isEmpty() || !application.isAlive());
        assertThat(application.isAlive()).as("the application is running (see %s)", folder.resolve("application.log"))
            .isTrue();
        String line = lines("report").get(0);
        InventoryReport report = JsonMapper.builder().build()
            .readValue(line.substring(line.indexOf('{')), InventoryReport.class);
        long app = application.pid();
        long worker = report.pid();
        assertThat(worker).isNotEqualTo(app);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("orders", "order-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(lines("kafka")).hasSizeGreaterThanOrEqualTo(5);
            assertThat(pids("quartz")).contains(app);
        });
        assertSoftly((softly) -> {
            softly.assertThat(report.activeProfiles()).contains("tarnish-worker");
            softly.assertThat(report.role()).isEqualTo("worker");
            softly.assertThat(report.tables()).isEmpty();
            softly.assertThat(report.entities()).containsExactly("InventoryItem");
            softly.assertThat(report.neverInWorkerDefined()).isFalse();
            softly.assertThat(report.threads()).noneMatch((name) -> name.matches("(?i).*(kafka|quartz|batch).*"));
            softly.assertThat(pids("kafka")).containsExactly(app);
            softly.assertThat(pids("quartz")).containsExactly(app);
            for (String what : List.of("lifecycle", "refreshed", "started", "ready", "batch", "profiled")) {
                softly.assertThat(pids(what)).as(what).containsExactly(app);
            }
            softly.assertThat(pids("availability")).containsExactly(app);
            softly.assertThat(pids("task-init")).containsExactly(worker);
            // The @Isolated method ran in a worker of its own, and its bean's dependency was there too.
            softly.assertThat(pids("quote")).hasSize(1).doesNotContain(app, worker);
            softly.assertThat(lines("quoted")).singleElement()
                .isEqualTo("quoted " + app + " 750 " + pids("quote").get(0));
        });
    }

    private static Path journal() {
        return folder.resolve("journal.txt");
    }

    private static List<String> lines(String what) {
        return Journal.read(journal()).stream().filter((line) -> line.startsWith(what + " ")).toList();
    }

    private static List<Long> pids(String what) {
        return lines(what).stream().map((line) -> Long.parseLong(line.split(" ")[1])).distinct().toList();
    }
}
