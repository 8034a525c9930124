package dev.tarnish.internal.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
        Path abandoned = Files.createDirectory(SHARED_MEMORY.resolve("tarnish-" + gone.pid() + "-test"));
        Files.createDirectory(abandoned.resolve("w1"));
        Files.write(abandoned.resolve("w1").resolve("w2"), new byte[4096]);
        Path live = Files.createDirectory(SHARED_MEMORY.resolve("tarnish-" + ProcessHandle.current().pid() + "-live"));
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
}
