package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.internal.launch.ParentDeathSignal;
import dev.tarnish.tasks.OrphanCheckParent;

/**
 * SIGKILL of the parent: no chance to clean up, yet every worker must end, whether starting, idle,
 * busy in Java or stuck in native code.
 */
@Timeout(120)
class ParentDeathTests {

    @Test
    void whenParentIsKilledWhileWorkersStartShouldEndThemWithinASecond() throws Exception {
        assumeTrue(!ParentDeathSignal.commandPrefix().isEmpty(),
                "the kernel's parent-death signal needs Linux and util-linux's setpriv");
        // Each would take a minute to reach tarnish's own watch of its parent: only the kernel ends them.
        killParentAndAwaitWorkers(Duration.ofSeconds(1), "starting workers", List.of(), "starting");
    }

    @Test
    void whenParentIsKilledShouldEndIdleBusyAndNativeStuckWorkers() throws Exception {
        killParentAndAwaitWorkers(Duration.ofSeconds(15), "idle, busy and native-stuck workers", List.of());
    }

    @Test
    void whenParentIsKilledWithoutTheKernelSignalWorkersShouldEndThemselves() throws Exception {
        // What is left where setpriv is missing: each worker's watch of its stdin and its parent.
        killParentAndAwaitWorkers(Duration.ofSeconds(15), "idle, busy and native-stuck workers (own watch only)",
                List.of("-Dtarnish.parent-death-signal=false"));
    }

    private static void killParentAndAwaitWorkers(Duration atMost, String what, List<String> jvmOptions,
            String... args) throws Exception {
        Process parent = startParent(jvmOptions, args);
        try {
            List<Long> workers = readWorkerPids(parent);
            assertThat(workers).hasSize(3).allMatch(Workers::isAlive);
            long killedAt = System.nanoTime();
            parent.destroyForcibly();
            await().atMost(atMost).until(() -> workers.stream().noneMatch(Workers::isAlive));
            System.out.println("All " + what + " gone " + Duration.ofNanos(System.nanoTime() - killedAt).toMillis()
                    + " ms after SIGKILL of their parent");
        }
        finally {
            parent.destroyForcibly();
        }
    }

    private static Process startParent(List<String> jvmOptions, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OrphanCheckParent.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
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
