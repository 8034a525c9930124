package dev.tarnish.internal.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory that only the current user can enter, for a pool's sockets and crash logs: no other
 * local user can connect to a worker's socket or read its fatal error log. Named after the owning
 * process so that directories left behind by a process that was killed are removed the next time.
 *
 * <p>Where the machine has a memory file system at {@code /dev/shm}, a second such directory there
 * holds the files that callers and workers map to pass large payloads ({@link #sharedMemory()}):
 * on a disk the kernel would write their pages back, on {@code /dev/shm} they are only memory.
 */
public final class PrivateDirectory implements AutoCloseable {

    private static final String PREFIX = "tarnish-";

    /**
     * Unix-domain socket paths are limited to about 107 bytes; the socket name adds up to 16.
     */
    private static final int MAX_DIRECTORY_PATH = 90;

    /** Where memory file systems are mounted on Linux. */
    private static final Path SHARED_MEMORY_BASE = Path.of("/dev/shm");

    private final Path path;

    private final Path sharedMemory;

    private PrivateDirectory(Path path, Path sharedMemory) {
        this.path = path;
        this.sharedMemory = sharedMemory;
    }

    /**
     * Creates a new private directory under {@code java.io.tmpdir}, or under {@code /tmp} when that
     * path would be too long for a socket, after removing those of dead processes.
     * @return the directory
     * @throws UncheckedIOException if it cannot be created
     */
    public static PrivateDirectory create() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        if (base.toAbsolutePath().toString().length() > MAX_DIRECTORY_PATH - 40) {
            base = Path.of("/tmp");
        }
        Path path;
        try {
            path = createIn(base);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create a private directory for tarnish workers under " + base, ex);
        }
        Path sharedMemory = null;
        if (Files.isDirectory(SHARED_MEMORY_BASE) && Files.isWritable(SHARED_MEMORY_BASE)) {
            try {
                sharedMemory = createIn(SHARED_MEMORY_BASE);
            }
            catch (IOException | RuntimeException ex) {
                // Large payloads then go over the socket, as everything else does.
            }
        }
        return new PrivateDirectory(path, sharedMemory);
    }

    private static Path createIn(Path base) throws IOException {
        removeAbandoned(base);
        return Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Returns the directory's path.
     * @return the path
     */
    public Path path() {
        return this.path;
    }

    /**
     * Returns the private directory on the memory file system, for files mapped by callers and
     * workers, if the machine has one.
     * @return the path, or empty
     */
    public Optional<Path> sharedMemory() {
        return Optional.ofNullable(this.sharedMemory);
    }

    /**
     * Deletes the directory, the one on the memory file system, and everything in them; failures
     * are ignored.
     */
    @Override
    public void close() {
        deleteTree(this.path);
        if (this.sharedMemory != null) {
            deleteTree(this.sharedMemory);
        }
    }

    private static void removeAbandoned(Path base) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                ownerPid(entry.getFileName().toString()).filter((pid) -> ProcessHandle.of(pid).isEmpty())
                    .ifPresent((pid) -> deleteTree(entry));
            }
        }
        catch (IOException | RuntimeException ex) {
            // Tidying up is a courtesy; it must never stop a pool from starting.
        }
    }

    private static Optional<Long> ownerPid(String name) {
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(rest.substring(0, dash)));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    /**
     * Deletes a directory and everything in it; failures are ignored.
     * @param root the directory
     */
    public static void deleteTree(Path root) {
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException ex) {
                    // Best effort.
                }
            });
        }
        catch (IOException | UncheckedIOException ex) {
            // Best effort.
        }
    }
}
