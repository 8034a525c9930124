package dev.tarnish.internal.protocol;

import dev.tarnish.Task;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * The input and output types of a task class, read from its generic signature. Reading the
 * signature neither initializes nor instantiates the class.
 *
 * @param taskClass the task class
 * @param input the resolved input type {@code I}
 * @param output the resolved output type {@code O}
 */
public record TaskTypes(Class<?> taskClass, JavaType input, JavaType output) {

    /**
     * Resolves the types of a task class.
     * @param taskClass a class that implements {@link Task} with concrete type arguments
     * @param typeFactory the type factory of the mapper that will encode the values
     * @return the types
     * @throws IllegalArgumentException if the class is not a task or its types are not concrete
     */
    public static TaskTypes of(Class<?> taskClass, TypeFactory typeFactory) {
        if (!Task.class.isAssignableFrom(taskClass)) {
            throw new IllegalArgumentException(taskClass.getName() + " does not implement " + Task.class.getName());
        }
        JavaType[] parameters = typeFactory.constructType(taskClass).findTypeParameters(Task.class);
        if (parameters == null || parameters.length != 2) {
            throw notConcrete(taskClass);
        }
        for (JavaType parameter : parameters) {
            if (parameter.isJavaLangObject() || parameter.hasRawClass(Void.class)) {
                throw notConcrete(taskClass);
            }
        }
        return new TaskTypes(taskClass, parameters[0], parameters[1]);
    }

    /**
     * Checks a caller's input against the input type, before anything is encoded or sent.
     * @param taskName the task's name, for the message
     * @param value the input
     * @throws IllegalArgumentException if the input is {@code null} or of another type
     */
    public void checkInput(String taskName, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Task '" + taskName + "' takes a " + inputName() + " input, not null");
        }
        if (!this.input.getRawClass().isInstance(value)) {
            throw new IllegalArgumentException("Task '" + taskName + "' takes a " + inputName() + " input, not a "
                    + value.getClass().getTypeName());
        }
    }

    /** The input type as in Java source: {@code byte[]} rather than the canonical {@code [B}. */
    private String inputName() {
        return this.input.isArrayType() ? this.input.getRawClass().getTypeName() : this.input.toCanonical();
    }

    private static IllegalArgumentException notConcrete(Class<?> taskClass) {
        return new IllegalArgumentException("Cannot resolve the input and output types of task class "
                + taskClass.getName() + ": it must implement Task<I, O> with concrete types for I and O "
                + "(a record, a POJO, String, byte[], a boxed primitive or a collection of those)");
    }
}
