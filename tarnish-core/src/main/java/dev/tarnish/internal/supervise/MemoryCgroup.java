package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory cgroup a worker runs in, and how many processes the kernel's out-of-memory killer ended
 * there: {@code oom_kill} in {@code memory.oom_control} (cgroup v1) or {@code memory.events} (v2). A
 * worker ended by SIGKILL while that count grew was, in all likelihood, ended for its cgroup's memory,
 * which its exit status alone cannot tell from a {@code kill -9}.
 */
final class MemoryCgroup {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private final Path counterFile;

    private MemoryCgroup(Path counterFile) {
        this.counterFile = counterFile;
    }

    /**
     * Tells whether a process is the only one in this cgroup: only then is an out-of-memory kill
     * counted there surely its own.
     * @param pid the process
     * @return whether it is alone
     */
    boolean holdsOnly(long pid) {
        try {
            List<String> procs = Files.readAllLines(this.counterFile.resolveSibling("cgroup.procs"));
            return procs.size() == 1 && procs.get(0).trim().equals(Long.toString(pid));
        }
        catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    /**
     * Finds the memory cgroup of a running process.
     * @param pid the process
     * @return its cgroup, or {@code null} where there is none to read (not Linux, no memory controller)
     */
    static MemoryCgroup of(long pid) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"));
        }
        catch (IOException | RuntimeException ex) {
            return null;
        }
        for (String line : lines) {
            // "4:memory:/some/path" (v1) or "0::/some/path" (v2)
            String[] fields = line.split(":", 3);
            if (fields.length < 3) {
                continue;
            }
            String relative = fields[2].startsWith("/") ? fields[2].substring(1) : fields[2];
            if (List.of(fields[1].split(",")).contains("memory")) {
                return ifReadable(ROOT.resolve("memory").resolve(relative).resolve("memory.oom_control"));
            }
            if (fields[0].equals("0") && fields[1].isEmpty()) {
                MemoryCgroup unified = ifReadable(ROOT.resolve(relative).resolve("memory.events"));
                if (unified != null) {
                    return unified;
                }
            }
        }
        return null;
    }

    private static MemoryCgroup ifReadable(Path counterFile) {
        return Files.isReadable(counterFile) ? new MemoryCgroup(counterFile) : null;
    }

    /**
     * Reads the count of out-of-memory kills.
     * @return the count, or {@code -1} if it cannot be read
     */
    long oomKills() {
        try {
            for (String line : Files.readAllLines(this.counterFile)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring(9).trim());
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // Gone with the cgroup, or not readable: unknown.
        }
        return -1;
    }
}
