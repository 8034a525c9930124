package dev.tarnish.internal.launch;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds a lock on a file, as a pool's process holds its directory's, until its stdin ends: for tests
 * of a directory owned by another process, of whatever pid. With {@code --probe}, only tells whether
 * another process holds the lock ({@code held} or {@code free}), as another pool's clean-up sees it.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--probe")) {
            try (FileChannel channel = FileChannel.open(Path.of(args[1]), StandardOpenOption.WRITE)) {
                System.out.println((channel.tryLock() == null) ? "held" : "free");
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
            channel.lock();
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Held until the test closes stdin or kills this process.
            }
        }
    }
}
