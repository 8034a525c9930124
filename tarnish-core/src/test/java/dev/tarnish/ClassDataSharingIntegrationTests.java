package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.internal.worker.WorkerMain;
import dev.tarnish.tasks.BytesTask;
import dev.tarnish.tasks.CrashingTask;
import dev.tarnish.tasks.TrainingParent;

/**
 * Class-data sharing with a real JVM: on a class path of jars, the first worker trains the archive
 * (the JDK's dynamic CDS archive, or its AOT cache from JDK 25), publishes it when it is stopped,
 * and the workers of the next pool start with it.
 */
@Timeout(180)
class ClassDataSharingIntegrationTests {

    @TempDir
    Path dir;

    @AfterEach
    void restoreCacheDirectory() {
        System.clearProperty("tarnish.cache.dir");
    }

    @Test
    void whenTrainedWorkerStopsShouldPublishTheArchiveAndTheNextWorkersShouldUseIt() throws Exception {
        Path cache = this.dir.resolve("cache");
        System.setProperty("tarnish.cache.dir", cache.toString());
        WorkerLaunch launch = launch(workerClassPath(BytesTask.class));
        TaskSettings settings = TaskSettings.builder().shutdownTimeout(Duration.ofSeconds(60)).build();
        try (SupervisedProcess<BytesTask> trainer = Tarnish.process(BytesTask.class).settings(settings).launch(launch)
            .build()) {
            assertThat((byte[]) trainer.call(new byte[] { 1, 2 })).containsExactly(2, 1);
            assertThat(arguments(trainer.status().workers().get(0).pid()))
                .anyMatch(ClassDataSharingIntegrationTests::trains);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> archives(cache).size() == 1);
        try (SupervisedProcess<BytesTask> user = Tarnish.process(BytesTask.class).settings(settings).launch(launch)
            .build()) {
            assertThat((byte[]) user.call(new byte[] { 3, 4 })).containsExactly(4, 3);
            assertThat(arguments(user.status().workers().get(0).pid()))
                .contains((archives(cache).get(0).toString().endsWith(".aot") ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=")
                        + archives(cache).get(0));
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenATrainingParentIsKilledItsTrainingShouldLeaveNothingAndTheNextRunShouldPublishAndUseAnArchive()
            throws Exception {
        Path cache = this.dir.resolve("killed-cache");
        String classPath = workerClassPath(BytesTask.class);
        Process parent;
        long trainer;
        try (TrainingRun run = startTrainingParent(cache, classPath)) {
            parent = run.parent();
            trainer = run.trainer();
            String output = arguments(trainer).stream()
                .filter(ClassDataSharingIntegrationTests::trains)
                .findFirst()
                .orElseThrow();
            // What a dump cut short by the kill would leave: part of the file the worker was told to write.
            Path cutShort = Path.of(output.substring(output.indexOf('=') + 1));
            assertThat(cutShort.getFileName().toString()).contains("." + parent.pid() + "-");
            Files.write(cutShort, new byte[4096]);
            parent.destroyForcibly();
            parent.waitFor();
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(trainer).isEmpty()
                    || !ProcessHandle.of(trainer).get().isAlive());
        }
        System.setProperty("tarnish.cache.dir", cache.toString());
        TaskSettings settings = TaskSettings.builder().shutdownTimeout(Duration.ofSeconds(60)).build();
        WorkerLaunch launch = launch(classPath);
        try (SupervisedProcess<BytesTask> next = Tarnish.process(BytesTask.class).settings(settings).launch(launch)
            .build()) {
            // Its first worker is served once the pool has looked at the cache, which removes what is abandoned.
            assertThat((byte[]) next.call(new byte[] { 1, 2 })).containsExactly(2, 1);
            assertThat(trainingFiles(cache)).as("the killed run's training output, removed at the next start")
                .allSatisfy((file) -> assertThat(file.getFileName().toString()).doesNotContain("." + parent.pid() + "-"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> archives(cache).size() == 1);
        assertThat(trainingFiles(cache)).isEmpty();
        try (SupervisedProcess<BytesTask> user = Tarnish.process(BytesTask.class).settings(settings).launch(launch)
            .build()) {
            assertThat((byte[]) user.call(new byte[] { 3, 4 })).containsExactly(4, 3);
            Path archive = archives(cache).get(0);
            assertThat(arguments(user.status().workers().get(0).pid()))
                .anyMatch((option) -> option.equals("-XX:SharedArchiveFile=" + archive)
                        || option.equals("-XX:AOTCache=" + archive));
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenATrainingParentIsStoppedWithoutClosingItsPoolItsShutdownHookShouldLetTheTrainerPublish()
            throws Exception {
        Path cache = this.dir.resolve("terminated-cache");
        String classPath = workerClassPath(BytesTask.class);
        Process parent;
        long trainer;
        try (TrainingRun run = startTrainingParent(cache, classPath)) {
            parent = run.parent();
            trainer = run.trainer();
            // SIGTERM: the parent never calls close(); only its shutdown hooks run.
            parent.destroy();
            assertThat(parent.waitFor()).isEqualTo(143);
        }
        assertThat(ProcessHandle.of(trainer).filter(ProcessHandle::isAlive)).as("the trainer outlives its parent")
            .isEmpty();
        assertThat(archives(cache)).as("published before the parent's JVM ended").hasSize(1);
        assertThat(trainingFiles(cache)).isEmpty();
    }

    @Test
    void whenTheTrainingWorkerCrashesItsReplacementShouldTrainAndPublishTheArchive() throws Exception {
        Path cache = this.dir.resolve("crash-cache");
        System.setProperty("tarnish.cache.dir", cache.toString());
        WorkerLaunch launch = launch(workerClassPath(CrashingTask.class));
        TaskSettings settings = TaskSettings.builder().shutdownTimeout(Duration.ofSeconds(60)).build();
        try (SupervisedProcess<CrashingTask> pool = Tarnish.process(CrashingTask.class)
            .settings(settings)
            .launch(launch)
            .build()) {
            long first = Long.parseLong((String) pool.call("pid"));
            assertThat(arguments(first)).anyMatch(ClassDataSharingIntegrationTests::trains);
            // Exits by itself in the middle of a call: the pool sees its channel break before its exit.
            assertThatExceptionOfType(WorkerCrashedException.class).isThrownBy(() -> pool.call("halt:3"));
            long second = Long.parseLong((String) pool.call("pid"));
            assertThat(second).isNotEqualTo(first);
            assertThat(arguments(second)).as("the replacement of the crashed trainer trains")
                .anyMatch(ClassDataSharingIntegrationTests::trains);
            // Killed from outside while idle: the pool learns it from the exit alone.
            ProcessHandle.of(second).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(60))
                .until(() -> pool.status().workers().stream().anyMatch((worker) -> worker.pid() != second));
            long third = Long.parseLong((String) pool.call("pid"));
            assertThat(arguments(third)).as("the replacement of the killed trainer trains")
                .anyMatch(ClassDataSharingIntegrationTests::trains);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> archives(cache).size() == 1);
        assertThat(trainingFiles(cache)).isEmpty();
        Workers.awaitNoChildProcesses();
    }

    /**
     * A JVM that refuses a training option exits at once, often seen by the exit callback before the
     * handshake gives up: either way the next worker starts without training, not into a crash loop.
     * The prefix stands for such a JVM (one given a native agent, an option of an older vendor build).
     */
    @Test
    void whenTheJvmRefusesToTrainTheNextWorkerShouldStartWithoutTraining() throws Exception {
        Path cache = this.dir.resolve("refusing-cache");
        System.setProperty("tarnish.cache.dir", cache.toString());
        WorkerLaunch launch = launch(workerClassPath(BytesTask.class));
        String refuseTraining = "case \"$*\" in *ArchiveClassesAtExit*|*AOTCacheOutput*) exit 1;; esac; exec \"$@\"";
        TaskSettings settings = TaskSettings.builder()
            .commandPrefix(List.of("sh", "-c", refuseTraining, "sh"))
            .restartBackoff(Duration.ofMillis(50))
            .build();
        try (SupervisedProcess<BytesTask> pool = Tarnish.process(BytesTask.class).settings(settings).launch(launch)
            .build()) {
            assertThat((byte[]) pool.call(new byte[] { 1, 2 })).containsExactly(2, 1);
            assertThat(arguments(pool.status().workers().get(0).pid())).noneMatch(ClassDataSharingIntegrationTests::trains);
        }
        assertThat(trainingFiles(cache)).isEmpty();
        Workers.awaitNoChildProcesses();
    }

    private static boolean trains(String option) {
        return option.startsWith("-XX:ArchiveClassesAtExit=") || option.startsWith("-XX:AOTCacheOutput=");
    }

    /** The worker's class path: a jar of tarnish-core's classes and the task's, and the jars they need. */
    private String workerClassPath(Class<?> task) throws IOException, URISyntaxException {
        return jarOf(WorkerMain.class, task) + ":" + String.join(":", dependencyJars());
    }

    /** Runs the library's worker main on the given class path with the harness's {@code java}. */
    private static WorkerLaunch launch(String classPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return (options) -> {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(options);
            command.addAll(List.of("-cp", classPath, WorkerMain.class.getName()));
            return command;
        };
    }

    /**
     * Starts a {@link TrainingParent}, a JVM whose pool's worker trains into the cache and which never
     * closes it, and reads its output up to the line that gives that worker's pid.
     */
    private static TrainingRun startTrainingParent(Path cache, String classPath) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TrainingParent.class.getName(), cache.toString(), classPath)
            .redirectErrorStream(true)
            .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()));
        String line;
        do {
            line = out.readLine();
        }
        while (line != null && !line.startsWith("TRAINING "));
        assertThat(line).as("the parent's worker trains").isNotNull();
        return new TrainingRun(parent, Long.parseLong(line.substring("TRAINING ".length()).trim()), out);
    }

    /**
     * A running {@link TrainingParent}; closing it closes its output, not the process.
     * @param parent the parent
     * @param trainer its training worker's pid
     * @param output the parent's output, read up to that pid
     */
    private record TrainingRun(Process parent, long trainer, BufferedReader output) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            this.output.close();
        }
    }

    private static List<Path> trainingFiles(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter((file) -> file.toString().endsWith(".training")).toList();
        }
    }

    private static List<String> arguments(long pid) {
        return List.of(ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow());
    }

    private static List<Path> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter((file) -> file.toString().endsWith(".jsa") || file.toString().endsWith(".aot")).toList();
        }
    }

    /** The jars tarnish-core needs at run time (Jackson's), and JNA's for {@link CrashingTask}. */
    private static List<String> dependencyJars() throws URISyntaxException {
        List<String> jars = new ArrayList<>();
        for (Class<?> type : List.of(tools.jackson.databind.ObjectMapper.class, tools.jackson.core.JsonParser.class,
                tools.jackson.dataformat.cbor.CBORMapper.class, com.fasterxml.jackson.annotation.JsonProperty.class,
                com.sun.jna.Native.class)) {
            jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return jars;
    }

    /** Packs the class directories of the given classes into one jar: CDS cannot archive directories. */
    private Path jarOf(Class<?>... types) throws IOException, URISyntaxException {
        Path jar = this.dir.resolve("worker.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            List<Path> roots = new ArrayList<>();
            for (Class<?> type : types) {
                Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!roots.contains(root)) {
                    roots.add(root);
                }
            }
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }
}
