package dev.tarnish.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link dev.tarnish.Task} class whose calls run in worker processes. The application gets
 * one {@link dev.tarnish.IsolatedProcess IsolatedProcess&lt;ThatTask&gt;} bean per annotated class,
 * injectable by its generic type and named after the task.
 *
 * <p>The class is found by reading byte code in the packages of the application's
 * {@code @SpringBootApplication}; in the application itself it is never loaded for use, initialized
 * or instantiated, so a static initializer that loads a crash-prone native library never runs
 * there. In a worker it is a bean like any other: its constructor dependencies are injected.
 *
 * <p>This annotation is deliberately not a {@code @Component}: component scanning must not create
 * the task in the application.
 *
 * <p>Settings given here are overridden by {@code tarnish.tasks.<name>.*} properties and override
 * {@code tarnish.defaults.*}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TarnishTask {

    /**
     * The profile every worker runs with, on top of the application's own active profiles: for
     * {@code application-tarnish-worker.properties} and for {@code @Profile("!tarnish-worker")} on
     * beans that must never exist in a worker.
     */
    String WORKER_PROFILE = "tarnish-worker";

    /**
     * The task's name: the name of its {@code IsolatedProcess} bean and the key of its
     * {@code tarnish.tasks.<name>.*} properties. Defaults to the bean name a component of the class
     * would get: the simple class name with a lower-case first letter.
     * @return the name, or empty for the default
     */
    String name() default "";

    /**
     * How many workers serve calls concurrently.
     * @return at least 1, or a value below 1 for "not set here"
     */
    int workers() default -1;

    /**
     * The default timeout of a call, such as {@code "5s"} or {@code "PT5S"}.
     * @return the timeout, or empty for "not set here"
     */
    String callTimeout() default "";
}
