package dev.tarnish.spring.it.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application run by its own main in a JVM of its own, as from an IDE or {@code spring-boot:run}:
 * its worker re-runs the same command line, which the launch hook turns into a worker.
 */
class MainApplicationIntegrationTests {

    @Test
    void whenStartedByItsOwnMainShouldRerunItAsWorker(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("out.txt");
        Process application = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                MainApplication.class.getName(), "--spring.main.banner-mode=off"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        try {
            assertThat(application.waitFor(120, TimeUnit.SECONDS)).as("application ended").isTrue();
            String text = read(output);
            assertThat(application.exitValue()).as(text).isZero();
            Matcher reply = Pattern.compile("REPLY ping-(\\d+) PARENT (\\d+)").matcher(text);
            assertThat(reply.find()).as(text).isTrue();
            assertThat(reply.group(1)).isNotEqualTo(reply.group(2));
            boolean workerAlive = ProcessHandle.of(Long.parseLong(reply.group(1))).map(ProcessHandle::isAlive)
                .orElse(false);
            assertThat(workerAlive).as("worker alive after the application ended").isFalse();
        }
        finally {
            application.destroyForcibly();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
