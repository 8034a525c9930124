package dev.tarnish.spring;

/**
 * Two {@link TarnishTask @TarnishTask} classes have the same task name, explicit or derived from
 * their bean names: their processes, properties, meters and endpoint entries would be one. Thrown at
 * start-up; the failure analysis says how to tell them apart.
 */
public class TaskNameClashException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String taskName;

    private final String firstClassName;

    private final String secondClassName;

    /**
     * Creates an exception.
     * @param taskName the name both classes have
     * @param firstClassName one task class
     * @param secondClassName the other
     */
    public TaskNameClashException(String taskName, String firstClassName, String secondClassName) {
        super("Two @TarnishTask classes are named '" + taskName + "': " + firstClassName + " and " + secondClassName);
        this.taskName = taskName;
        this.firstClassName = firstClassName;
        this.secondClassName = secondClassName;
    }

    /**
     * Returns the name both task classes have.
     * @return the task name
     */
    public String getTaskName() {
        return this.taskName;
    }

    /**
     * Returns the task class found first.
     * @return its name
     */
    public String getFirstClassName() {
        return this.firstClassName;
    }

    /**
     * Returns the task class found second.
     * @return its name
     */
    public String getSecondClassName() {
        return this.secondClassName;
    }
}
