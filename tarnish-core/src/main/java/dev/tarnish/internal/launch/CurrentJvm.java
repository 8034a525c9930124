package dev.tarnish.internal.launch;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the current JVM was started with: its {@code java} executable, its JVM options and the part
 * of its command line that selects the program. Read from the process's own argv where the platform
 * gives it (Linux, macOS), else from the runtime MX bean and {@code sun.java.command}.
 *
 * @param javaExecutable the {@code java} executable
 * @param jvmOptions the options before the program, as given (class path included when given there)
 * @param program what selects the program: {@code -jar app.jar}, {@code -m mod/Main}, or a main class
 * @param programArguments the program's own arguments
 */
record CurrentJvm(String javaExecutable, List<String> jvmOptions, List<String> program, List<String> programArguments) {

    /** Launcher options whose value is the next argument. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-exports",
            "--add-opens", "--add-reads", "--patch-module", "--enable-native-access", "--source");

    /**
     * Reads the current JVM's command line.
     * @return the command line, split into its parts
     */
    static CurrentJvm read() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String[]> arguments = info.arguments();
        if (arguments.isPresent() && arguments.get().length > 0) {
            CurrentJvm parsed = parse(java, List.of(arguments.get()));
            if (parsed != null) {
                return parsed;
            }
        }
        return fromRuntimeBean(java);
    }

    /**
     * Splits a launcher argv (without the executable) into its parts.
     * @return the parts, or {@code null} if no program could be found
     */
    static CurrentJvm parse(String java, List<String> argv) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.startsWith("@")) {
                // An argument file: only the runtime's own view has it expanded.
                return null;
            }
            if (arg.equals("-jar") || arg.equals("-m") || arg.equals("--module")) {
                if (i + 1 >= argv.size()) {
                    return null;
                }
                return new CurrentJvm(java, options, List.of(arg, argv.get(i + 1)), argv.subList(i + 2, argv.size()));
            }
            if (!arg.startsWith("-")) {
                return new CurrentJvm(java, options, List.of(arg), argv.subList(i + 1, argv.size()));
            }
            options.add(arg);
            if (OPTIONS_WITH_VALUE.contains(arg) && i + 1 < argv.size()) {
                options.add(argv.get(++i));
            }
        }
        return null;
    }

    private static CurrentJvm fromRuntimeBean(String java) {
        List<String> options = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        options.add("-cp");
        options.add(System.getProperty("java.class.path"));
        String command = System.getProperty("sun.java.command", "").trim();
        List<String> words = command.isEmpty() ? List.of() : List.of(command.split(" "));
        if (words.isEmpty()) {
            throw new IllegalStateException("Cannot tell how this JVM was started: no argv and no sun.java.command; "
                    + "give tarnish an explicit worker main class");
        }
        String first = words.get(0);
        List<String> program = first.endsWith(".jar") ? List.of("-jar", first) : List.of(first);
        return new CurrentJvm(java, options, program, words.subList(1, words.size()));
    }

    /**
     * Returns the JVM options of the current JVM as the runtime sees them (after {@code @argfiles}
     * and {@code JDK_JAVA_OPTIONS} were expanded), without the class path.
     * @return the input arguments
     */
    static List<String> inputArguments() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }
}
