package dev.tarnish.spring;

/**
 * Two tasks have the same name, explicit or derived: two {@link TarnishTask @TarnishTask} classes, two
 * {@link Isolated @Isolated} methods, one of each, or a task and another bean of that name. Their
 * processes, properties, meters and endpoint entries would be one. Thrown at
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
     * @param firstClassName one task class, isolated method or bean
     * @param secondClassName the other
     */
    public TaskNameClashException(String taskName, String firstClassName, String secondClassName) {
        super("Two tasks are named '" + taskName + "': " + firstClassName + " and " + secondClassName);
        this.taskName = taskName;
        this.firstClassName = firstClassName;
        this.secondClassName = secondClassName;
    }

    /**
     * Returns the name both tasks have.
     * @return the task name
     */
    public String getTaskName() {
        return this.taskName;
    }

    /**
     * Returns the task class (or isolated method, or bean) found first.
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
