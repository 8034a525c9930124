package dev.tarnish.internal.launch;

import java.util.List;

/**
 * Decides which of the parent's JVM options a worker inherits. A worker is a copy of the parent, but
 * not of its debugger, agents, JMX port or crash-log settings: those would clash with the parent's
 * (a port already taken) or defeat supervision (a crash log tarnish cannot find).
 */
final class InheritedOptions {

    private static final List<String> DROPPED_PREFIXES = List.of("-agentlib:", "-agentpath:", "-javaagent:",
            "-Xdebug", "-Xrunjdwp", "-XX:ErrorFile=", "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive",
            "-XX:AOTCacheOutput", "-XX:AOTMode", "-XX:AOTConfiguration", "-Dcom.sun.management.jmxremote",
            "-XX:+ExitOnOutOfMemoryError", "-XX:+CrashOnOutOfMemoryError", "-XX:OnOutOfMemoryError",
            "-XX:OnError", "-XX:+CreateCoredumpOnCrash", "-XX:-CreateCoredumpOnCrash");

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
