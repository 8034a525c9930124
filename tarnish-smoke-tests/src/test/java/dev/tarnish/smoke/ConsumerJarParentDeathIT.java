package dev.tarnish.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        Process application = new ProcessBuilder(java, "-Xmx256m", "-Dtarnish.cache.dir=" + this.folder.resolve("cache"),
                "-jar", System.getProperty("smoke.jar"), "--smoke.journal=" + this.folder.resolve("journal.txt"),
                "--spring.kafka.bootstrap-servers=127.0.0.1:9", "--spring.kafka.listener.auto-startup=false",
                "--tarnish.defaults.jvm-args=-Xmx96m")
            .redirectErrorStream(true)
            .redirectOutput(this.folder.resolve("application.log").toFile())
            .start();
        List<ProcessHandle> workers = List.of();
        try {
            // A worker JVM takes seconds to reach Spring, let alone tarnish: right after it appears, it is starting.
            workers = await().atMost(Duration.ofSeconds(120)).until(() -> application.children().toList(),
                    (children) -> !children.isEmpty() || !application.isAlive());
            assertThat(application.isAlive()).as("the application is running (see %s)",
                    this.folder.resolve("application.log")).isTrue();
            long killedAt = System.nanoTime();
            application.destroyForcibly();
            List<ProcessHandle> spawned = workers;
            await().atMost(Duration.ofSeconds(1)).until(() -> spawned.stream().noneMatch(ProcessHandle::isAlive));
            System.out.println(spawned.size() + " starting Spring worker(s) gone "
                    + Duration.ofNanos(System.nanoTime() - killedAt).toMillis() + " ms after SIGKILL of the application");
        }
        finally {
            application.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
