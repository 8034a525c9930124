package dev.tarnish.internal.launch;

import java.util.ArrayList;
import java.util.List;

import dev.tarnish.WorkerLaunch;

/**
 * The ways of starting a worker JVM. Each reads the current JVM once, when it is created.
 */
public final class LaunchCommands {

    private LaunchCommands() {
    }

    /**
     * Re-runs the current application: same {@code java}, same JVM options (minus those a worker
     * must not inherit), same jar or class path and main class, same program arguments.
     * @return the launch
     */
    public static WorkerLaunch currentApplication() {
        CurrentJvm jvm = CurrentJvm.read();
        List<String> inherited = InheritedOptions.filter(jvm.jvmOptions());
        return (workerOptions) -> {
            List<String> command = new ArrayList<>();
            command.add(jvm.javaExecutable());
            command.addAll(inherited);
            command.addAll(workerOptions);
            command.addAll(jvm.program());
            command.addAll(jvm.programArguments());
            return command;
        };
    }

    /**
     * Runs a main class on the current class path, with the current JVM's options (minus those a
     * worker must not inherit).
     * @param mainClass the main class
     * @param arguments its arguments
     * @return the launch
     */
    public static WorkerLaunch mainClass(String mainClass, List<String> arguments) {
        String java = CurrentJvm.read().javaExecutable();
        List<String> inherited = InheritedOptions.filter(CurrentJvm.inputArguments());
        String classPath = System.getProperty("java.class.path");
        List<String> args = List.copyOf(arguments);
        return (workerOptions) -> {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(inherited);
            command.addAll(workerOptions);
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
            command.addAll(args);
            return command;
        };
    }
}
