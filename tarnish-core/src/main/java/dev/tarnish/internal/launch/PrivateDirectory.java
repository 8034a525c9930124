package dev.tarnish.internal.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory that only the current user can enter, for a pool's sockets and crash logs: no other
 * local user can connect to a worker's socket or read its fatal error log. Directories left behind by
 * a process that was killed are removed the next time one is created.
 *
 * <p>Whether a directory's owner is alive is told by a lock, not by its pid: the owner holds a lock on
 * the directory's {@value #OWNER_LOCK} file for as long as the directory exists, and the kernel drops
 * it when the owner dies, however it dies. A pid would not do where {@code /tmp} or {@code /dev/shm}
 * is shared by processes of several pid namespaces (the containers of one Kubernetes pod, Docker's
 * {@code --ipc=host}): there another application's live directory may bear a pid that does not exist
 * here, or one that a live process here happens to have. The pid stays in the name, for people.
 *
 * <p>Where the machine has a memory file system at {@code /dev/shm}, a second such directory there
 * holds the files that callers and workers map to pass large payloads ({@link #sharedMemory()}):
 * on a disk the kernel would write their pages back, on {@code /dev/shm} they are only memory.
 */
public final class PrivateDirectory implements AutoCloseable {

    private static final String PREFIX = "tarnish-";

    /** The file in each directory that its owner holds a lock on. */
    static final String OWNER_LOCK = "owner.lock";

    /**
     * How old a directory without a lock file must be before it counts as abandoned: one made by an
     * earlier version, or by a process killed before it locked, but not one being created right now.
     */
    private static final Duration UNLOCKED_GRACE = Duration.ofMinutes(1);

    private static final long PID = ProcessHandle.current().pid();

    /**
     * Unix-domain socket paths are limited to about 107 bytes; the socket name adds up to 16.
     */
    private static final int MAX_DIRECTORY_PATH = 90;

    /** Where memory file systems are mounted on Linux. */
    private static final Path SHARED_MEMORY_BASE = Path.of("/dev/shm");

    private final Path path;

    private final Path sharedMemory;

    /** The channels that hold the owner locks: closing one releases its lock. */
    private final List<FileChannel> locks;

    private PrivateDirectory(Path path, Path sharedMemory, List<FileChannel> locks) {
        this.path = path;
        this.sharedMemory = sharedMemory;
        this.locks = locks;
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
        List<FileChannel> locks = new ArrayList<>(2);
        Path path;
        try {
            path = createIn(base, locks);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create a private directory for tarnish workers under " + base, ex);
        }
        Path sharedMemory = null;
        if (Files.isDirectory(SHARED_MEMORY_BASE) && Files.isWritable(SHARED_MEMORY_BASE)) {
            try {
                sharedMemory = createIn(SHARED_MEMORY_BASE, locks);
            }
            catch (IOException | RuntimeException ex) {
                // Large payloads then go over the socket, as everything else does.
            }
        }
        return new PrivateDirectory(path, sharedMemory, locks);
    }

    private static Path createIn(Path base, List<FileChannel> locks) throws IOException {
        Path directory = Files.createTempDirectory(base, PREFIX + PID + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        FileChannel channel = null;
        try {
            // Locked under another name, then renamed: an owner.lock that exists is always held.
            Path unnamed = directory.resolve(OWNER_LOCK + ".new");
            channel = FileChannel.open(unnamed, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                throw new IOException("Cannot lock a new directory's " + OWNER_LOCK + ": " + directory);
            }
            Files.move(unnamed, directory.resolve(OWNER_LOCK), StandardCopyOption.ATOMIC_MOVE);
            locks.add(channel);
            removeAbandoned(base, Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS));
            return directory;
        }
        catch (IOException | RuntimeException ex) {
            deleteTree(directory);
            if (channel != null) {
                channel.close();
            }
            throw ex;
        }
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
        for (FileChannel lock : this.locks) {
            try {
                lock.close();
            }
            catch (IOException ex) {
                // The lock goes with the process anyway.
            }
        }
    }

    private static void removeAbandoned(Path base, UserPrincipal user) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                if (abandoned(entry, user)) {
                    deleteTree(entry);
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // Tidying up is a courtesy; it must never stop a pool from starting.
        }
    }

    /**
     * Whether no live process owns the directory. Never asked of this process's own directories: a
     * second channel on a file this JVM holds a lock on would release that lock when it closes.
     * Only a directory of this user's, whose lock file is a regular file, is judged at all: in a
     * directory anyone can write to, another user could have put a named pipe in its place, whose
     * opening would block until someone read it.
     * @param directory a directory named like tarnish's
     * @param user the user this process creates files as
     */
    static boolean abandoned(Path directory, UserPrincipal user) {
        Optional<Long> pid = ownerPid(directory.getFileName().toString());
        if (pid.isEmpty() || pid.get() == PID || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                || !ownedBy(directory, user)) {
            return false;
        }
        Path lockFile = directory.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return ProcessHandle.of(pid.get()).isEmpty() && olderThan(directory, UNLOCKED_GRACE);
        }
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = channel.tryLock();
            return lock != null; // released when the channel closes, before the directory goes
        }
        catch (IOException | OverlappingFileLockException ex) {
            return false; // not ours to judge: another user's, or held within this JVM
        }
    }

    private static boolean ownedBy(Path path, UserPrincipal user) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).equals(user);
        }
        catch (IOException | UnsupportedOperationException ex) {
            return false;
        }
    }

    private static boolean olderThan(Path path, Duration age) {
        try {
            Instant modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
            return modified.isBefore(Instant.now().minus(age));
        }
        catch (IOException ex) {
            return false;
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
