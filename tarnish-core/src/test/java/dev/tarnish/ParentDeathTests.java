package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.OrphanCheckParent;

/**
 * SIGKILL of the parent: no chance to clean up, yet every worker must end by itself, whether idle,
 * busy in Java or stuck in native code.
 */
@Timeout(120)
class ParentDeathTests {

    @Test
    void whenParentIsKilledShouldEndIdleBusyAndNativeStuckWorkers() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanCheckParent.class.getName()).redirectErrorStream(true).start();
        try {
            List<Long> workers = readWorkerPids(parent);
            assertThat(workers).hasSize(3).allMatch(Workers::isAlive);
            long killedAt = System.nanoTime();
            parent.destroyForcibly();
            await().atMost(Duration.ofSeconds(15)).until(() -> workers.stream().noneMatch(Workers::isAlive));
            System.out.println("All workers gone " + Duration.ofNanos(System.nanoTime() - killedAt).toMillis()
                    + " ms after SIGKILL of their parent");
        }
        finally {
            parent.destroyForcibly();
        }
    }

    private static List<Long> readWorkerPids(Process parent) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("WORKERS ")) {
                return Arrays.stream(line.substring(8).split(",")).map(Long::parseLong).toList();
            }
        }
        throw new AssertionError("The parent ended before it printed its workers");
    }
}
