package dev.tarnish.internal.launch;

import java.util.List;

/**
 * Decides which of the parent's JVM options a worker inherits. A worker is a copy of the parent, but
 * not of its debugger, agents, JMX port or crash-log settings: those would clash with the parent's
 * (a port already taken) or defeat supervision (a crash log tarnish cannot find). Nor of its maximum
 * heap: that is sized for the application, and N workers with the same would reserve N + 1 times it
 * (see {@link WorkerJvmOptions#heapShare}; a task sets its own in {@code jvmArgs}).
 */
final class InheritedOptions {

    private static final List<String> DROPPED_PREFIXES = List.of("-agentlib:", "-agentpath:", "-javaagent:",
            "-Xdebug", "-Xrunjdwp", "-XX:ErrorFile=", "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive",
            "-XX:AOTCacheOutput", "-XX:AOTMode", "-XX:AOTConfiguration", "-Dcom.sun.management.jmxremote",
            "-XX:+ExitOnOutOfMemoryError", "-XX:+CrashOnOutOfMemoryError", "-XX:OnOutOfMemoryError",
            "-XX:OnError", "-XX:+CreateCoredumpOnCrash", "-XX:-CreateCoredumpOnCrash", "-Xmx", "-XX:MaxHeapSize=",
            "-XX:MaxRAM=", "-XX:MaxRAMPercentage=", "-XX:MaxRAMFraction=");

    private InheritedOptions() {
    }

    /**
     * Filters the parent's options.
     * @param parentOptions the parent's JVM options
     * @return those a worker keeps, in order
     */
    static List<String> filter(List<String> parentOptions) {
        return parentOptions.stream().filter(InheritedOptions::isInherited).toList();
    }

    static boolean isInherited(String option) {
        return DROPPED_PREFIXES.stream().noneMatch(option::startsWith);
    }
}
