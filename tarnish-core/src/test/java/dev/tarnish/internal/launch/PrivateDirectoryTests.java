package dev.tarnish.internal.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

class PrivateDirectoryTests {

    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    @Test
    void bothDirectoriesShouldBeTheUsersOnlyAndGoWithClose() throws Exception {
        assumeThat(SHARED_MEMORY).isDirectory().isWritable();
        Path path;
        Path sharedMemory;
        try (PrivateDirectory directory = PrivateDirectory.create()) {
            path = directory.path();
            sharedMemory = directory.sharedMemory().orElseThrow();
            assertThat(sharedMemory.getParent()).isEqualTo(SHARED_MEMORY);
            for (Path each : new Path[] { path, sharedMemory }) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(each))).isEqualTo("rwx------");
                assertThat(each.getFileName().toString()).startsWith("tarnish-" + ProcessHandle.current().pid() + "-");
            }
            Files.createDirectory(sharedMemory.resolve("w1"));
            Files.write(sharedMemory.resolve("w1").resolve("c1"), new byte[] { 1 });
        }
        assertThat(path).doesNotExist();
        assertThat(sharedMemory).doesNotExist();
    }

    @Test
    void whatAKilledProcessLeftInSharedMemoryShouldGoWithTheNextStartAndALiveOnesShouldStay() throws Exception {
        assumeThat(SHARED_MEMORY).isDirectory().isWritable();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path abandoned = directory("tarnish-" + gone.pid() + "-test", true);
        Files.createDirectory(abandoned.resolve("w1"));
        Files.write(abandoned.resolve("w1").resolve("w2"), new byte[4096]);
        Path live = directory("tarnish-" + ProcessHandle.current().pid() + "-live", true);
        try (PrivateDirectory directory = PrivateDirectory.create()) {
            assertThat(directory.sharedMemory()).isPresent();
            assertThat(abandoned).doesNotExist();
            assertThat(live).isDirectory();
        }
        finally {
            PrivateDirectory.deleteTree(abandoned);
            PrivateDirectory.deleteTree(live);
        }
    }

    /**
     * Where {@code /dev/shm} is shared with another pid namespace, a live application's directory may
     * bear a pid that does not exist here, or that a live process here has: its lock tells.
     */
    @Test
    void ownerShouldBeToldByItsLockNotByThePidInTheName() throws Exception {
        assumeThat(SHARED_MEMORY).isDirectory().isWritable();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path foreign = directory("tarnish-" + gone.pid() + "-foreign", true);
        Path reused = directory("tarnish-1-reused", true);
        Process holder = lockHolder(foreign.resolve(PrivateDirectory.OWNER_LOCK).toString());
        try {
            assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine())
                .isEqualTo("locked");
            try (PrivateDirectory directory = PrivateDirectory.create()) {
                assertThat(directory.sharedMemory()).isPresent();
                assertThat(foreign).as("locked by a live process, though its pid is not").isDirectory();
                assertThat(reused).as("no lock held, though pid 1 lives").doesNotExist();
            }
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(PrivateDirectory.abandoned(foreign, me())).as("once its owner has exited").isTrue();
        }
        finally {
            holder.destroyForcibly().waitFor();
            PrivateDirectory.deleteTree(foreign);
            PrivateDirectory.deleteTree(reused);
        }
    }

    /** One made by an earlier version has no lock file: the pid decides, once it is no longer new. */
    @Test
    void directoryWithoutALockFileShouldGoOnlyWhenItsPidIsDeadAndItIsNotNew() throws Exception {
        assumeThat(SHARED_MEMORY).isDirectory().isWritable();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path old = directory("tarnish-" + gone.pid() + "-old", false);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Path creating = directory("tarnish-" + gone.pid() + "-creating", false);
        Path live = directory("tarnish-1-unlocked", false);
        Files.setLastModifiedTime(live, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        try {
            assertThat(PrivateDirectory.abandoned(old, me())).isTrue();
            assertThat(PrivateDirectory.abandoned(creating, me())).as("being created right now, perhaps").isFalse();
            assertThat(PrivateDirectory.abandoned(live, me())).isFalse();
            assertThat(PrivateDirectory.abandoned(Path.of("/dev/shm/tarnish-x"), me())).isFalse();
        }
        finally {
            PrivateDirectory.deleteTree(old);
            PrivateDirectory.deleteTree(creating);
            PrivateDirectory.deleteTree(live);
        }
    }

    @Test
    void ownDirectoriesShouldHoldTheirLocksUntilClosed() throws Exception {
        Path lock;
        try (PrivateDirectory directory = PrivateDirectory.create()) {
            lock = directory.path().resolve(PrivateDirectory.OWNER_LOCK);
            assertThat(lock).isRegularFile();
            assertThat(directory.path().resolve(PrivateDirectory.OWNER_LOCK + ".new")).doesNotExist();
            assertThat(probe(lock)).as("as another process sees it").isEqualTo("held");
            // Last: closing a second channel on the file releases the process's lock (POSIX locks),
            // which is why a pool never opens its own directories' lock files.
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
                assertThatExceptionOfType(OverlappingFileLockException.class).isThrownBy(channel::tryLock);
            }
        }
        assertThat(lock).doesNotExist();
    }

    /**
     * In a directory anyone can write to, another user could name a directory like tarnish's: it is
     * not judged, nor a lock file that is not a regular file (a named pipe would block its opening).
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void onlyTheUsersOwnDirectoriesWithARegularLockFileShouldBeJudged() throws Exception {
        assumeThat(SHARED_MEMORY).isDirectory().isWritable();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path piped = directory("tarnish-" + gone.pid() + "-piped", false);
        Path others = directory("tarnish-" + gone.pid() + "-others", true);
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", piped.resolve(PrivateDirectory.OWNER_LOCK).toString())
                .inheritIO()
                .start();
            assertThat(mkfifo.waitFor()).isZero();
            assertThat(PrivateDirectory.abandoned(piped, me())).isFalse();
            assertThat(PrivateDirectory.abandoned(others, me())).as("this user's, unlocked").isTrue();
            UserPrincipal nobody = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody");
            assertThat(PrivateDirectory.abandoned(others, nobody)).as("not the user's").isFalse();
        }
        finally {
            PrivateDirectory.deleteTree(piped);
            PrivateDirectory.deleteTree(others);
        }
    }

    /** The user this process creates files as. */
    private static UserPrincipal me() throws IOException {
        Path probe = Files.createTempFile("tarnish-owner", ".probe");
        try {
            return Files.getOwner(probe);
        }
        finally {
            Files.delete(probe);
        }
    }

    /** Starts {@link LockHolder} in a JVM of its own. */
    private static Process lockHolder(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String probe(Path lock) throws Exception {
        Process process = lockHolder("--probe", lock.toString());
        try {
            String line = new BufferedReader(new InputStreamReader(process.getInputStream())).readLine();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return line;
        }
        finally {
            process.destroyForcibly().waitFor();
        }
    }

    private static Path directory(String name, boolean withUnheldLock) throws IOException {
        Path directory = Files.createDirectory(SHARED_MEMORY.resolve(name));
        if (withUnheldLock) {
            Files.createFile(directory.resolve(PrivateDirectory.OWNER_LOCK));
        }
        return directory;
    }
}
