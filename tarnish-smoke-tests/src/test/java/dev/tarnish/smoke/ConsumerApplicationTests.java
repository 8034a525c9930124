package dev.tarnish.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A user's own {@code @SpringBootTest} of an application with a Kafka listener (on an embedded broker
 * that the application and its worker could both reach), a Quartz job, Liquibase, a Spring Batch job,
 * a {@code SmartLifecycle} bean, listeners of the application's events and a bean kept out of workers
 * by profile: all of them run in the application, none in the worker, while the task answers from its
 * worker with the test's configuration. One application context, one worker, for all tests here.
 */
@SpringBootTest(properties = { "smoke.test-property=from-the-test", "tarnish.defaults.jvm-args=-Xmx96m" })
@EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ConsumerApplicationTests {

    private static final Duration WORKER_START = Duration.ofSeconds(90);

    private static final long PARENT = ProcessHandle.current().pid();

    @TempDir
    static Path folder;

    private static final String DYNAMIC = "dynamic-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("smoke.journal", () -> folder.resolve("journal.txt").toString());
        registry.add("smoke.dynamic-property", () -> DYNAMIC);
    }

    @Autowired
    private SupervisedProcess<InventoryTask> inventory;

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Pricing pricing;

    @Test
    void isolatedMethodOfTheApplicationsBeanShouldRunInAWorker() {
        Pricing.Quote quote = this.pricing.quote("sku-9", 2);
        assertThat(quote.cents()).isEqualTo(500);
        assertThat(quote.pid()).isNotIn(PARENT, 0L);
    }

    @Test
    void workerShouldServeTheTaskWithTheApplicationsConfigurationAndItsOwnProfile() {
        InventoryReport report = this.inventory.call("bolts");
        assertThat(report.item()).isEqualTo("bolts");
        assertThat(report.pid()).isNotEqualTo(PARENT);
        assertThat(report.activeProfiles()).contains("tarnish-worker");
        assertThat(report.role()).isEqualTo("worker");
        assertThat(report.testProperty()).isEqualTo("from-the-test");
        assertThat(report.dynamicProperty()).isEqualTo(DYNAMIC);
        assertThat(report.neverInWorkerDefined()).isFalse();
    }

    @Test
    void workerShouldNotInitializeTheDatabase() {
        List<String> applicationTables = this.jdbc.queryForList(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'", String.class);
        assertThat(applicationTables).contains("DATABASECHANGELOG", "INVENTORY", "BATCH_JOB_INSTANCE");
        // The worker's in-memory database is its own: any table in it was made by an initializer there,
        // or by Hibernate, whose EntityManagerFactory the task uses.
        InventoryReport report = this.inventory.call("nuts");
        assertThat(report.tables()).isEmpty();
        assertThat(report.entities()).containsExactly("InventoryItem");
    }

    @Test
    void nothingElseOfTheApplicationShouldRunInAWorker() {
        InventoryReport report = this.inventory.call("washers");
        long worker = report.pid();
        for (int i = 0; i < 5; i++) {
            this.kafka.send("orders", "order-" + i);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(lines("kafka")).filteredOn((line) -> line.contains(" order-"))
                .extracting(ConsumerApplicationTests::pid).hasSizeGreaterThanOrEqualTo(5).containsOnly(PARENT);
            assertThat(pids("quartz")).contains(PARENT);
        });
        assertSoftly((softly) -> {
            softly.assertThat(pids("quartz")).containsExactly(PARENT);
            softly.assertThat(pids("lifecycle")).containsExactly(PARENT);
            softly.assertThat(pids("refreshed")).containsExactly(PARENT);
            softly.assertThat(pids("started")).containsExactly(PARENT);
            softly.assertThat(pids("ready")).containsExactly(PARENT);
            softly.assertThat(pids("availability")).containsExactly(PARENT);
            softly.assertThat(pids("batch")).containsExactly(PARENT);
            softly.assertThat(pids("profiled")).containsExactly(PARENT);
            softly.assertThat(Journal.read(journal())).as("lines of worker %d", worker)
                .filteredOn((line) -> pid(line) == worker)
                .allSatisfy((line) -> assertThat(line).startsWith("task-init "));
            // Nothing of Kafka, Quartz or Batch even has a thread in the worker.
            softly.assertThat(report.threads()).noneMatch((name) -> name.matches("(?i).*(kafka|quartz|batch).*"));
        });
    }

    @Test
    void taskShouldBeInitializedBeforeTheWorkerIsReady() {
        this.inventory.restart();
        await().atMost(WORKER_START).untilAsserted(() -> assertThat(this.inventory.status().workers())
            .isNotEmpty()
            .allSatisfy((worker) -> {
                assertThat(worker.state()).isEqualTo(WorkerState.IDLE);
                assertThat(worker.calls()).isZero();
            }));
        Set<Long> ready = this.inventory.status().workers().stream().map(WorkerStatus::pid).collect(Collectors.toSet());
        assertThat(pids("task-init")).containsAll(ready);
    }

    private static Path journal() {
        return folder.resolve("journal.txt");
    }

    private static List<String> lines(String what) {
        return Journal.read(journal()).stream().filter((line) -> line.startsWith(what + " ")).toList();
    }

    private static List<Long> pids(String what) {
        return lines(what).stream().map(ConsumerApplicationTests::pid).distinct().toList();
    }

    private static long pid(String line) {
        return Long.parseLong(line.split(" ")[1]);
    }
}
