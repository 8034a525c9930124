package dev.tarnish.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the benchmarks ran on, read from the JVM and {@code /proc}.
 */
public final class Machine {

    private Machine() {
    }

    /**
     * Returns the processors the JVM sees.
     * @return the count
     */
    public static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Returns the CPU model from {@code /proc/cpuinfo}.
     * @return the model name, or "unknown"
     */
    public static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    /**
     * Returns the total memory from {@code /proc/meminfo}.
     * @return e.g. "24684808 kB", or "unknown"
     */
    public static String memory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal");
    }

    /**
     * Returns the load averages from {@code /proc/loadavg}.
     * @return the first three fields, or "unknown"
     */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    /**
     * Returns the JDK that ran the harness (and, with the same {@code java}, every child JVM).
     * @return vendor, VM and version
     */
    public static String jdk() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")";
    }

    /**
     * Returns the operating system.
     * @return name, version and architecture
     */
    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (IOException ex) {
            // Not Linux: say so below.
        }
        return "unknown";
    }
}
