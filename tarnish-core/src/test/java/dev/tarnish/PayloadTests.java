package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.BoxedTask;
import dev.tarnish.tasks.BytesTask;
import dev.tarnish.tasks.GenericsTask;
import dev.tarnish.tasks.PojoTask;
import dev.tarnish.tasks.RawTask;
import dev.tarnish.tasks.TypesTask;
import dev.tarnish.tasks.UnencodableOutputTask;

/**
 * Values of every supported kind cross the process boundary intact, into their declared types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class PayloadTests {

    @AfterAll
    void noWorkersLeft() {
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenRecordsWithNestedGenericsShouldRoundTrip() {
        try (IsolatedProcess<TypesTask> process = build(TypesTask.class, Workers.testSettings().build())) {
            TypesTask.Order order = new TypesTask.Order("o-1", List.of(new TypesTask.Line("a", 2, 150),
                    new TypesTask.Line("b", 1, 1000)), Map.of("x", List.of(1, 2, 3)), new byte[] { 1, 2, 3 }, 0.5);
            TypesTask.Receipt receipt = process.call(order);
            assertThat(receipt.orderId()).isEqualTo("o-1");
            assertThat(receipt.totalCents()).isEqualTo(1300);
            assertThat(receipt.counts()).containsEntry("lines", 2);
            assertThat(receipt.tags()).containsEntry("x", List.of(1, 2, 3));
            assertThat(receipt.blob()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void whenCollectionsPojosAndBoxedPrimitivesShouldRoundTrip() {
        TaskSettings settings = Workers.testSettings().build();
        try (IsolatedProcess<GenericsTask> generics = build(GenericsTask.class, settings);
                IsolatedProcess<PojoTask> pojos = build(PojoTask.class, settings);
                IsolatedProcess<BoxedTask> boxed = build(BoxedTask.class, settings)) {
            List<Map<String, Integer>> sums = generics.call(Map.of("a", List.of(1, 2), "b", List.of(10)));
            assertThat(sums).containsExactlyInAnyOrder(Map.of("a", 3), Map.of("b", 10));
            assertThat(sums.get(0).values().iterator().next()).isInstanceOf(Integer.class);
            PojoTask.Person person = new PojoTask.Person();
            person.setName("Ada");
            person.setAge(36);
            PojoTask.Person older = pojos.call(person);
            assertThat(older.getName()).isEqualTo("Ada");
            assertThat(older.getAge()).isEqualTo(37);
            Long big = boxed.call(3);
            assertThat(big).isEqualTo(3_000_000_000L);
        }
    }

    @Test
    void whenPayloadIs32MibShouldRoundTripIntact() {
        byte[] input = new byte[32 * 1024 * 1024];
        new Random(42).nextBytes(input);
        TaskSettings settings = Workers.testSettings().jvmArgs(List.of("-Xmx256m")).build();
        try (IsolatedProcess<BytesTask> process = build(BytesTask.class, settings)) {
            byte[] output = process.call(input);
            assertThat(output).hasSize(input.length);
            for (int i = 0; i < input.length; i += 4099) {
                assertThat(output[input.length - 1 - i]).isEqualTo(input[i]);
            }
        }
    }

    @Test
    void whenPayloadIsLargeShouldItTravelThroughSharedMemoryThatLeavesNoFileBehind() throws IOException {
        assumeThat(Path.of("/dev/shm")).isDirectory().isWritable();
        byte[] input = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(input);
        Path workerDirectory;
        try (SupervisedProcess<BytesTask> process = Tarnish.process(BytesTask.class)
            .settings(Workers.testSettings().build())
            .build()) {
            byte[] reversed = reversed(input);
            for (int i = 0; i < 3; i++) {
                byte[] output = process.call(input);
                assertThat(output).isEqualTo(reversed);
            }
            long pid = process.status().workers().get(0).pid();
            // The worker has mapped the caller's region (and its own), whose names are gone already.
            List<String> regions = regionsMappedBy(pid);
            assertThat(regions).hasSize(2).allMatch((region) -> region.endsWith(" (deleted)"));
            workerDirectory = Path.of(regions.get(0)).getParent();
            assertThat(workerDirectory).isEmptyDirectory();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(workerDirectory));
        // The worker is gone, and the memory of its regions with it, though this JVM may still map them
        // until its collector drops the buffers.
        assertThat(mappedFileSizesUnder(workerDirectory)).allMatch((size) -> size == 0);
    }

    @Test
    void whenAWorkerCannotReachTheSharedMemoryShouldLargePayloadsGoOverTheSocket() throws IOException {
        assumeThat(Path.of("/dev/shm")).isDirectory().isWritable();
        byte[] input = new byte[4 * 1024 * 1024];
        new Random(9).nextBytes(input);
        // As a sandbox with a /dev of its own, or a customizer that rewrites the environment: no directory.
        try (SupervisedProcess<BytesTask> process = Tarnish.process(BytesTask.class)
            .settings(Workers.testSettings().commandPrefix(List.of("env", "-u", "TARNISH_SHARED_MEMORY")).build())
            .build()) {
            byte[] output = process.call(input);
            assertThat(output).isEqualTo(reversed(input));
            long pid = process.status().workers().get(0).pid();
            assertThat(Files.readAllLines(Path.of("/proc/" + pid + "/maps")))
                .noneMatch((line) -> line.contains("/dev/shm/tarnish-"));
            assertThat(process.status().workers().get(0).pid()).isEqualTo(pid);
        }
    }

    private static byte[] reversed(byte[] input) {
        byte[] reversed = new byte[input.length];
        for (int i = 0; i < input.length; i++) {
            reversed[i] = input[input.length - 1 - i];
        }
        return reversed;
    }

    @Test
    void whenAWorkerIsKilledShouldItsReplacementGetRegionsOfItsOwnAndTheDeadOnesGo() throws IOException {
        assumeThat(Path.of("/dev/shm")).isDirectory().isWritable();
        byte[] input = new byte[2 * 1024 * 1024];
        new Random(8).nextBytes(input);
        try (SupervisedProcess<BytesTask> process = Tarnish.process(BytesTask.class)
            .settings(Workers.testSettings().build())
            .build()) {
            byte[] before = process.call(input);
            assertThat(before).isEqualTo(reversed(input));
            long first = process.status().workers().get(0).pid();
            Path firstDirectory = workerRegionDirectory(first);
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(firstDirectory));
            assertThat(mappedFileSizesUnder(firstDirectory)).allMatch((size) -> size == 0);
            byte[] after = process.call(input);
            assertThat(after).isEqualTo(reversed(input));
            long second = process.status().workers().get(0).pid();
            assertThat(second).isNotEqualTo(first);
            assertThat(workerRegionDirectory(second)).isNotEqualTo(firstDirectory);
        }
    }

    /** The directory of the regions a worker has mapped. */
    private static Path workerRegionDirectory(long pid) throws IOException {
        return regionsMappedBy(pid).stream()
            .map((region) -> Path.of(region.replace(" (deleted)", "")).getParent())
            .findFirst()
            .orElseThrow(() -> new AssertionError("Worker " + pid + " maps no region"));
    }

    /** The regions of this JVM's pools that a worker maps, as its /proc/<pid>/maps names them. */
    private static List<String> regionsMappedBy(long pid) throws IOException {
        String prefix = "/dev/shm/tarnish-" + ProcessHandle.current().pid() + "-";
        return Files.readAllLines(Path.of("/proc/" + pid + "/maps")).stream()
            .filter((line) -> line.contains(prefix))
            .map((line) -> line.substring(line.indexOf(prefix)))
            .distinct()
            .toList();
    }

    /** The sizes of the files under a directory that this JVM has mapped, through /proc/self/map_files. */
    private static List<Long> mappedFileSizesUnder(Path directory) throws IOException {
        List<Long> sizes = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.contains(directory.toString())) {
                sizes.add(Files.size(Path.of("/proc/self/map_files", line.substring(0, line.indexOf(' ')))));
            }
        }
        return sizes;
    }

    @Test
    void whenInputIsAboveFrameLimitShouldFailInCaller() {
        TaskSettings settings = Workers.testSettings().maxFrameSize(64 * 1024).build();
        try (IsolatedProcess<BytesTask> process = build(BytesTask.class, settings)) {
            assertThatThrownBy(() -> process.call(new byte[100 * 1024])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes").hasMessageContaining("maximum message size");
            byte[] small = process.call(new byte[] { 1, 2 });
            assertThat(small).containsExactly(2, 1);
        }
    }

    @Test
    void whenOutputCannotBeEncodedShouldFailTheCallAndKeepTheWorker() {
        try (IsolatedProcess<UnencodableOutputTask> process = build(UnencodableOutputTask.class,
                Workers.testSettings().build())) {
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class, () -> process.call("x"));
            assertThat(failure.getRemoteMessage()).contains("this getter cannot be read");
            long pid = failure.getWorkerPid().getAsLong();
            TaskFailedException again = catchThrowableOfType(TaskFailedException.class, () -> process.call("y"));
            assertThat(again.getWorkerPid()).hasValue(pid);
        }
    }

    @Test
    void whenTaskTypesAreNotConcreteShouldRejectTheTaskClass() {
        assertThatThrownBy(() -> Tarnish.process(RawTask.class).build()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(RawTask.class.getName()).hasMessageContaining("concrete");
    }

    private static <T extends Task<?, ?>> IsolatedProcess<T> build(Class<T> type, TaskSettings settings) {
        return Tarnish.process(type).settings(settings).build();
    }
}
