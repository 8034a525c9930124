package dev.tarnish.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a public method of a Spring bean in a worker process: calls that go through the bean's proxy
 * (any injected reference to the bean) are sent to a worker, where the same bean, created by Spring
 * with its dependencies, runs the method. Each annotated method is a task of its own, with its own
 * workers, {@code tarnish.tasks.<name>.*} properties, endpoint entry, health and meters, and the same
 * exceptions as a {@link TarnishTask}: {@code TaskFailedException} when the method threw,
 * {@code WorkerCrashedException} when its worker died, and so on.
 *
 * <pre>{@code
 * @Service
 * public class Thumbnails {
 *
 *     @Isolated(workers = 2, callTimeout = "10s")
 *     public byte[] render(String path, int width) {
 *         return NativeImageLib.thumbnail(path, width); // may segfault: only the worker dies
 *     }
 * }
 * }</pre>
 *
 * <p>The arguments and the return value cross the process boundary in CBOR, each decoded into the
 * type the method's generic signature declares (resolved against the bean's class); a method may
 * take several arguments and may return {@code void}. A method returning {@code CompletableFuture<T>}
 * or {@code CompletionStage<T>} is called asynchronously: the future completes with the worker's
 * value of {@code T}.
 *
 * <p>Unlike a {@link TarnishTask} class, <strong>the bean itself is also created in the
 * application</strong>, with its constructor, its static initializer and its dependencies; only the
 * annotated methods run elsewhere. Use a {@code @TarnishTask} when even loading the class is unsafe
 * (a static initializer that loads a crashing native library). A call from the bean to its own method
 * ({@code this.render(...)}) does not go through the proxy and runs in the application, unisolated,
 * as with {@code @Async} or {@code @Transactional}. The bean's other aspects run once, in the
 * application, around the call to the worker; in the worker only the method's body runs.
 *
 * <p>The method must be public, neither static nor final, on a singleton bean whose class is not
 * final, whose definition names its class (a {@code @Bean} method must not declare only an interface
 * of it), and not {@code @Async}; anything else fails the application's start with an
 * {@link InvalidIsolatedMethodException}.
 * This is crash isolation, not a security sandbox: the worker runs the application's code with the
 * application's rights.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Isolated {

    /**
     * The task's name: the name of its process bean and the key of its {@code tarnish.tasks.<name>.*}
     * properties (in a properties file, a name with a dot goes in brackets:
     * {@code tarnish.tasks[thumbnails.render].workers=2}). Defaults to
     * {@code <beanName>.<methodName>}.
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
