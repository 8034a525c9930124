package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.tasks.VirtualThreadCallers;

/**
 * Callers on virtual threads never pin their carrier: {@link VirtualThreadCallers} runs on a JDK 21
 * or later ({@link VirtualThreadJdk}) and makes calls every way they can go under a JFR recording of
 * {@code jdk.VirtualThreadPinned}; every pinned event fails the test, with its stack. On a build
 * without such a JDK the tests are skipped, and say why; the child never runs on JDK 17.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VirtualThreadTests {

    private static final VirtualThreadJdk JDK = VirtualThreadJdk.find();

    @TempDir
    Path directory;

    @Test
    void whenCallersAreVirtualThreadsShouldNeverPinTheirCarrier() throws Exception {
        String output = assertNothingPinned(runCallers(List.of()));
        System.out.println("No virtual caller pinned its carrier on " + JDK + ": "
                + line(output, "OUTCOMES") + ", " + line(output, "CANARY monitor") + ", " + line(output, "JDK PINNED"));
    }

    /**
     * JDK 24 and later no longer pin a virtual thread that blocks in {@code synchronized} or
     * {@code Object.wait} (JEP 491); JDK 21 to 23 do. Legacy stack locking ({@code -XX:LockingMode=1},
     * deprecated since JDK 24) brings that back, so the same callers also show what JDK 21 would pin.
     */
    @Test
    void whenMonitorsPinAsOnJdk21CallersOnVirtualThreadsShouldStillNeverPinTheirCarrier() throws Exception {
        assumeVirtualThreads();
        skipUnless(JDK.monitorsUnmount(), "Skipped on " + JDK + ": its monitors pin anyway, so "
                + "whenCallersAreVirtualThreadsShouldNeverPinTheirCarrier already checks what this test would");
        Run run = runCallers(List.of("-XX:LockingMode=1"));
        skipUnless(!run.output().contains("Unrecognized VM option 'LockingMode") && !run.output().contains(
                "CANARY monitor 0"), "Skipped: " + JDK + " does not take -XX:LockingMode=1, its monitors cannot be "
                        + "made to pin as on JDK 21");
        String output = assertNothingPinned(run);
        System.out.println("No virtual caller pinned its carrier on " + JDK + " with monitors pinning as on JDK 21: "
                + line(output, "OUTCOMES") + ", " + line(output, "CANARY monitor") + ", " + line(output, "JDK PINNED"));
    }

    private static void assumeVirtualThreads() {
        skipUnless(JDK.found(), "Skipped: no JDK 21 or later to run virtual threads on; set -D"
                + VirtualThreadJdk.PROPERTY + " or " + VirtualThreadJdk.ENVIRONMENT + " to one, or install one at "
                + VirtualThreadJdk.DEFAULT_HOME);
        skipUnless(JDK.hasVirtualThreads(), "Skipped, not applicable: " + JDK + " has no virtual threads");
    }

    /** Skips the test, saying why on the build's console too: surefire shows only a count of skipped tests. */
    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("VirtualThreadTests: " + reason);
        }
        assumeTrue(condition, reason);
    }

    /** Runs the callers on the JDK. */
    private Run runCallers(List<String> jvmOptions) throws Exception {
        assumeVirtualThreads();
        List<String> command = new ArrayList<>(List.of(JDK.java().toString()));
        command.addAll(jvmOptions);
        command.add("-XX:FlightRecorderOptions:stackdepth=256");
        for (String property : List.of("java.util.logging.config.file", "tarnish.cache.dir")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VirtualThreadCallers.class.getName(),
                this.directory.resolve("pinning.jfr").toString()));
        Path log = this.directory.resolve("callers.log");
        Process callers = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit;
        try {
            exit = callers.waitFor();
        }
        finally {
            // Its pools close their workers before it exits; a child killed here takes them along.
            callers.destroyForcibly();
        }
        return new Run(exit, Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Asserts that the callers went every way, and that nothing but the canaries pinned. */
    private static String assertNothingPinned(Run run) {
        assertThat(run.exit()).as("exit status of the callers on %s (1: a caller pinned its carrier, 2: the check "
                + "did not work); their output:%n%s", JDK, run.output()).isZero();
        assertThat(run.output().lines()).contains("CALLERS virtual", "PINNED 0")
            .noneMatch((line) -> line.startsWith("PINNED EVENT"));
        return run.output();
    }

    private static String line(String output, String prefix) {
        return output.lines().filter((line) -> line.startsWith(prefix)).findFirst().orElse(prefix + " ?");
    }

    /** How the callers' process ended, and what it printed. */
    private record Run(int exit, String output) {
    }
}
