package dev.tarnish.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged consumer application, {@code java -jar}, SIGKILLed while its Spring workers are still
 * starting: no worker has reached tarnish's own watch of its parent yet, and none may outlive it.
 */
class ConsumerJarParentDeathIT {

    @TempDir
    Path folder;

    @Test
    void whenTheApplicationIsKilledWhileItsWorkersStartNoneShouldBeAliveASecondLater() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process application = new ProcessBuilder(java, "-Xmx256m",
                "-Dtarnish.cache.dir=" + this.folder.resolve("cache"), "-jar", System.getProperty("smoke.jar"),
                "--smoke.journal=" + this.folder.resolve("journal.txt"),
                "--spring.kafka.bootstrap-servers=127.0.0.1:9", "--spring.kafka.listener.auto-startup=false",
                "--tarnish.defaults.jvm-args=-Xmx96m")
            .redirectErrorStream(true)
            .redirectOutput(this.folder.resolve("application.log").toFile())
            .start();
        List<ProcessHandle> workers = List.of();
        try {
            // A worker JVM takes seconds to reach Spring, let alone tarnish: right after it appears, it is starting.
            workers = await().atMost(Duration.ofSeconds(120))
                .until(() -> application.children().filter(ConsumerJarParentDeathIT::isJava).toList(),
                        (children) -> !children.isEmpty() || !application.isAlive());
            assertThat(application.isAlive()).as("the application is running (see %s)",
                    this.folder.resolve("application.log")).isTrue();
            long killedAt = System.nanoTime();
            application.destroyForcibly();
            List<ProcessHandle> spawned = workers;
            await().atMost(Duration.ofSeconds(1))
                .until(() -> spawned.stream().noneMatch(ConsumerJarParentDeathIT::running));
            System.out.println(spawned.size() + " starting Spring worker(s) gone "
                    + Duration.ofNanos(System.nanoTime() - killedAt).toMillis()
                    + " ms after SIGKILL of the application");
        }
        finally {
            application.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Whether a child runs {@code java}: a worker, not a short-lived helper such as a probe of {@code setpriv}. */
    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map((command) -> command.endsWith("/java")).orElse(false);
    }

    /**
     * Whether a process still runs. An orphan that died is a zombie until whoever inherited it reaps it,
     * and {@link ProcessHandle#isAlive()} counts a zombie as alive.
     */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        }
        catch (IOException ex) {
            return false;
        }
    }
}
