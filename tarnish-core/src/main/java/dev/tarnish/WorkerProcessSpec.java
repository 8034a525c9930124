package dev.tarnish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command, environment and working folder of a worker about to start, for a
 * {@link WorkerLaunchCustomizer} to change. tarnish's own environment variables ({@code TARNISH_*})
 * are set after the customizers run and win; on Linux, the kernel's parent-death signal is put in
 * front of the command after them too. Not thread-safe: each start gets its own.
 */
public final class WorkerProcessSpec {

    private final List<String> command;

    private final Map<String, String> environment;

    private Path directory;

    /**
     * Creates a spec.
     *
     * @param command the command, its first element the executable
     * @param environment variables to set on top of the parent's environment
     * @param directory the working folder, or {@code null} for the parent's
     */
    public WorkerProcessSpec(List<String> command, Map<String, String> environment, Path directory) {
        this.command = new ArrayList<>(command);
        this.environment = new LinkedHashMap<>(environment);
        this.directory = directory;
    }

    /**
     * Returns the command, to change in place: {@code command().addAll(0, List.of("nice", "-n", "10"))}.
     *
     * @return the command, its first element the executable
     */
    public List<String> command() {
        return this.command;
    }

    /**
     * Returns the variables set on top of the parent's environment, to change in place.
     *
     * @return the variables
     */
    public Map<String, String> environment() {
        return this.environment;
    }

    /**
     * Returns the working folder.
     *
     * @return the folder, or {@code null} for the parent's
     */
    public Path directory() {
        return this.directory;
    }

    /**
     * Sets the working folder. The command's class path, jar and options are the parent's as they
     * were given: relative paths among them then resolve from the new folder, so set one only where
     * the application was started with absolute paths.
     *
     * @param directory the folder, or {@code null} for the parent's
     */
    public void directory(Path directory) {
        this.directory = directory;
    }
}
