package dev.tarnish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tarnish.internal.launch.LaunchCommands;
import dev.tarnish.internal.worker.WorkerMain;

/**
 * How a worker JVM is started: the command line, given the JVM options tarnish adds for the worker.
 *
 * <p>The worker is started with the environment variable {@code TARNISH_WORKER=<task name>}; the
 * program it runs must hand over to tarnish when it sees it, as {@link Tarnish#main} and the Spring
 * Boot starter do, or be the library's own worker main ({@link #libraryWorker()}).
 */
@FunctionalInterface
public interface WorkerLaunch {

    /**
     * Builds the command that starts one worker.
     *
     * @param workerOptions JVM options to place before the program: tarnish's own (crash log
     *     location, end on out-of-memory) followed by the task's {@code jvmArgs}
     * @return the command, its first element the {@code java} executable
     */
    List<String> command(List<String> workerOptions);

    /**
     * Returns environment variables to set in the worker on top of the parent's environment, which it
     * inherits. tarnish's own variables ({@code TARNISH_*}) are set after these and win.
     *
     * @return the variables, empty by default
     */
    default Map<String, String> environment() {
        return Map.of();
    }

    /**
     * Returns a launch with the same command and these environment variables added to the worker's.
     * Environment variables of a process are readable only by its own user (and root), unlike its
     * command line: the way to hand a worker values that are not for everyone to see.
     *
     * @param variables the variables to add; later calls add to and override earlier ones
     * @return the launch
     */
    default WorkerLaunch withEnvironment(Map<String, String> variables) {
        Map<String, String> environment = new LinkedHashMap<>(environment());
        environment.putAll(variables);
        Map<String, String> frozen = Map.copyOf(environment);
        WorkerLaunch command = this;
        return new WorkerLaunch() {

            @Override
            public List<String> command(List<String> workerOptions) {
                return command.command(workerOptions);
            }

            @Override
            public Map<String, String> environment() {
                return frozen;
            }
        };
    }

    /**
     * Re-runs the current application as the worker: same {@code java}, class path or jar, main
     * class and arguments, and the same JVM options minus debugger, agents and JMX ports. The
     * application's {@code main} must hand over to tarnish, see {@link Tarnish#main}.
     *
     * @return the launch
     */
    static WorkerLaunch currentApplication() {
        return LaunchCommands.currentApplication();
    }

    /**
     * Runs a main class on the current class path as the worker.
     *
     * @param mainClass the fully qualified main class
     * @param arguments its arguments
     * @return the launch
     */
    static WorkerLaunch mainClass(String mainClass, List<String> arguments) {
        return LaunchCommands.mainClass(mainClass, arguments);
    }

    /**
     * Runs the library's own worker main on the current class path: it creates the task with its
     * no-argument constructor. The default for processes built with {@link Tarnish#process}.
     *
     * @return the launch
     */
    static WorkerLaunch libraryWorker() {
        return mainClass(WorkerMain.class.getName(), List.of());
    }
}
