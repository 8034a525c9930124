package dev.tarnish.bench.peer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the bare peer JVMs of the baselines: the current {@code java} and class path, no other option
 * unless given.
 */
public final class Jvm {

    private Jvm() {
    }

    /**
     * Returns the current {@code java} executable.
     * @return its path
     */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Builds the command that runs a main class on the current class path.
     * @param options JVM options
     * @param mainClass the main class
     * @param args its arguments
     * @return the command
     */
    public static List<String> command(List<String> options, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Starts a main class on the current class path; stderr goes to the parent's.
     * @param mainClass the main class
     * @param args its arguments
     * @return the process
     * @throws IOException if it cannot be started
     */
    public static Process start(Class<?> mainClass, String... args) throws IOException {
        return new ProcessBuilder(command(List.of(), mainClass, args))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    }

    /**
     * Kills a process and its descendants.
     * @param process the process
     */
    public static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Kills every process this JVM started and that is still alive, and their children: the last line
     * of defence, so that no benchmark leaves a process behind.
     */
    public static void killDescendants() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
