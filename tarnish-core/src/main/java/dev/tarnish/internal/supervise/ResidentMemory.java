package dev.tarnish.internal.supervise;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much memory a worker holds in RAM: {@code VmRSS} of {@code /proc/<pid>/status}, what the
 * kernel's out-of-memory killer and a container's limit count.
 */
final class ResidentMemory {

    private ResidentMemory() {
    }

    /**
     * Reads a process's resident memory.
     * @param pid the process
     * @return the bytes, or {@code -1} where it cannot be read (not Linux, the process is gone)
     */
    static long of(long pid) {
        try (BufferedReader status = Files.newBufferedReader(Path.of("/proc", Long.toString(pid), "status"),
                StandardCharsets.US_ASCII)) {
            String line;
            while ((line = status.readLine()) != null) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:     93244 kB"
                    String kilobytes = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kilobytes) << 10;
                }
            }
            return -1;
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }
}
