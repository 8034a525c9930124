package dev.tarnish.bench.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     * A JDK as the report names it.
     * @param vendor its VM's vendor
     * @param vmName its VM's name
     * @param version its runtime version
     * @param home its home directory
     */
    public record Jdk(String vendor, String vmName, String version, String home) {

        /**
         * Returns vendor, VM name, runtime version and home, as the report prints them.
         * @return the description
         */
        public String description() {
            return this.vendor + " " + this.vmName + " " + this.version + " (" + this.home + ")";
        }
    }

    /**
     * Describes a JDK from the system properties its {@code java} prints.
     * @param java the {@code java} executable
     * @return the JDK
     * @throws IOException if it cannot be run or prints no version
     * @throws InterruptedException if interrupted while it runs
     */
    public static Jdk describe(String java) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true)
            .start();
        Map<String, String> properties = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                int equals = line.indexOf(" = ");
                if (equals > 0) {
                    properties.putIfAbsent(line.substring(0, equals).trim(), line.substring(equals + 3).trim());
                }
            }
        }
        process.waitFor();
        if (!properties.containsKey("java.runtime.version")) {
            throw new IOException(java + " -XshowSettings:properties -version printed no java.runtime.version");
        }
        return new Jdk(properties.get("java.vm.vendor"), properties.get("java.vm.name"),
                properties.get("java.runtime.version"), properties.get("java.home"));
    }

    /**
     * Builds the command that runs a main class on the current class path.
     * @param options JVM options
     * @param mainClass the main class
     * @param args its arguments
     * @return the command
     */
    public static List<String> command(List<String> options, Class<?> mainClass, String... args) {
        return command(java(), options, mainClass, args);
    }

    /**
     * Builds the command that runs a main class on the current class path with a given {@code java}.
     * @param java the {@code java} executable
     * @param options JVM options
     * @param mainClass the main class
     * @param args its arguments
     * @return the command
     */
    public static List<String> command(String java, List<String> options, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java);
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
