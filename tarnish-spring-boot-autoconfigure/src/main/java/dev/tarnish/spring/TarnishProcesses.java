package dev.tarnish.spring;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.tarnish.SupervisedProcess;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The task processes of the application, by task name: what the endpoint, the health indicator and
 * the meters report on. Holds every {@link SupervisedProcess} bean, whether registered for a
 * {@link TarnishTask} or defined by the application. Thread-safe; looks the beans up on each call.
 */
public final class TarnishProcesses {

    private final ObjectProvider<SupervisedProcess<?>> processes;

    /**
     * Creates the registry.
     * @param processes the process beans
     */
    public TarnishProcesses(ObjectProvider<SupervisedProcess<?>> processes) {
        this.processes = processes;
    }

    /**
     * Returns every process.
     * @return the processes by task name, sorted by name
     */
    public Map<String, SupervisedProcess<?>> all() {
        Map<String, SupervisedProcess<?>> all = new TreeMap<>();
        this.processes.orderedStream().forEach((process) -> all.put(process.name(), process));
        return all;
    }

    /**
     * Finds a process by its task's name.
     * @param name the task's name
     * @return the process, or empty if no task has that name
     */
    public Optional<SupervisedProcess<?>> find(String name) {
        return Optional.ofNullable(all().get(name));
    }
}
