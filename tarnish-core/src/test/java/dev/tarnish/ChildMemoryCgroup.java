package dev.tarnish;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A memory cgroup of the test's own, below the one this JVM runs in, with a limit: a container's
 * memory limit for workers, where the machine lets the test make one (root, a writable cgroup v1
 * memory controller or cgroup v2). Workers join it through a command prefix that moves the shell into
 * it and then execs {@code java}, so that each worker is in the cgroup from its first instruction.
 */
final class ChildMemoryCgroup implements AutoCloseable {

    private final Path directory;

    private ChildMemoryCgroup(Path directory) {
        this.directory = directory;
    }

    /**
     * Makes a cgroup with a memory limit.
     * @param limitBytes the limit
     * @return the cgroup, or empty where the machine does not allow it
     */
    static Optional<ChildMemoryCgroup> create(long limitBytes) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] fields = line.split(":", 3);
                String relative = fields[2].replaceFirst("^/", "");
                if (fields[1].equals("memory")) {
                    return make(Path.of("/sys/fs/cgroup/memory", relative), "memory.limit_in_bytes", limitBytes);
                }
                if (fields[0].equals("0") && Files.exists(Path.of("/sys/fs/cgroup", relative, "memory.max"))) {
                    return make(Path.of("/sys/fs/cgroup", relative), "memory.max", limitBytes);
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // No cgroup to make here.
        }
        return Optional.empty();
    }

    private static Optional<ChildMemoryCgroup> make(Path parent, String limitFile, long limitBytes) {
        Path child = parent.resolve("tarnish-test-" + UUID.randomUUID());
        try {
            Files.createDirectory(child);
            Files.writeString(child.resolve(limitFile), Long.toString(limitBytes));
            return Optional.of(new ChildMemoryCgroup(child));
        }
        catch (IOException | RuntimeException ex) {
            try {
                Files.deleteIfExists(child);
            }
            catch (IOException ignored) {
                // Nothing was made.
            }
            return Optional.empty();
        }
    }

    /** A command prefix that puts the worker in this cgroup, then execs its {@code java}. */
    List<String> commandPrefix() {
        return List.of("sh", "-c", "echo $$ > " + this.directory.resolve("cgroup.procs") + " && exec \"$@\"", "sh");
    }

    @Override
    public void close() {
        // A cgroup goes once its last process has: the workers were closed just before.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            Files.delete(this.directory);
            return true;
        });
    }
}
