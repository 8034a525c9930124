package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.tasks.CrashingTask;
import dev.tarnish.tasks.SilentWorkerMain;

/**
 * No one but the spawned worker may speak on its channel: the socket lives in a directory only the
 * current user can enter, exists only until the worker has connected, and the worker must present a
 * one-time token (tested in {@link ProtocolErrorTests}).
 */
@Timeout(120)
class ChannelSecurityTests {

    @Test
    void whenWorkersAreReadyShouldKeepDirectoryPrivateAndLeaveNoSocketToConnectTo() throws IOException {
        try (SupervisedProcess<CrashingTask> process = Workers.crashing(Workers.testSettings().workers(2).build())) {
            Workers.awaitIdle(process, 2);
            Path directory = privateDirectory().orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(directory)) {
                assertThat(files.filter((file) -> file.toString().endsWith(".sock"))).isEmpty();
            }
        }
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenAnotherUserTriesToConnectShouldBeDenied(@TempDir Path probeDir) throws Exception {
        assumeThat(System.getProperty("user.name")).as("needs root to act as another user").isEqualTo("root");
        assumeThat(Path.of("/usr/bin/setpriv")).as("needs setpriv").exists();
        TaskSettings settings = Workers.testSettings().startupTimeout(Duration.ofSeconds(60)).build();
        try (SupervisedProcess<CrashingTask> process = Tarnish.process(CrashingTask.class).settings(settings)
            .launch(WorkerLaunch.mainClass(SilentWorkerMain.class.getName(), List.of())).build()) {
            Path socket = await().atMost(Duration.ofSeconds(30)).until(ChannelSecurityTests::listeningSocket,
                    Optional::isPresent).orElseThrow();
            Path probe = writeProbe(probeDir);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process attempt = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", java, probe.toString(), socket.toString()).redirectErrorStream(true).start();
            String output = new String(attempt.getInputStream().readAllBytes());
            assertThat(attempt.waitFor()).as(output).isEqualTo(3);
            assertThat(output).contains("denied").containsIgnoringCase("permission denied");
            // The worker never said hello: the foreign connection did not count as its channel either.
            assertThat(process.status().state()).isEqualTo(TaskState.STARTING);
        }
        Workers.awaitNoChildProcesses();
    }

    private static Path writeProbe(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, """
                import java.net.*;
                import java.nio.channels.*;
                import java.nio.file.*;
                public class Probe {
                    public static void main(String[] args) {
                        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                            channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
                            System.out.println("connected");
                            System.exit(0);
                        } catch (Exception ex) {
                            System.out.println("denied: " + ex);
                            System.exit(3);
                        }
                    }
                }
                """);
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
        return probe;
    }

    private static Optional<Path> privateDirectory() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            return dirs.filter((dir) -> dir.getFileName().toString()
                .startsWith("tarnish-" + ProcessHandle.current().pid() + "-")).findFirst();
        }
    }

    private static Optional<Path> listeningSocket() throws IOException {
        Optional<Path> directory = privateDirectory();
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory.get())) {
            return files.filter((file) -> file.toString().endsWith(".sock")).findFirst();
        }
    }
}
