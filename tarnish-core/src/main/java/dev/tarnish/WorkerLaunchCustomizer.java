package dev.tarnish;

/**
 * Changes how the workers of a task are started, just before each one is: its command line, the
 * environment it gets on top of its parent's, its working folder. For what {@link WorkerLaunch} and
 * {@link TaskSettings#commandPrefix()} do not cover: a per-task variable, a folder of its own, a
 * wrapper chosen at run time.
 *
 * <p>A wrapper in front of {@code java} must <em>exec</em> it ({@code nice}, {@code taskset},
 * {@code prlimit} and {@code env} do), so that the process tarnish started is the worker: a wrapper
 * that forks is refused at start-up, since the worker's pid is not the one tarnish started, and could
 * not be killed through it. A wrapper that changes the user or group (such as {@code setpriv --reuid})
 * makes the kernel drop the parent-death signal: such a worker then ends with its parent only through
 * its own watch, once its JVM runs tarnish's code.
 *
 * <p>Customizers are called from several threads when workers start at once.
 */
@FunctionalInterface
public interface WorkerLaunchCustomizer {

    /**
     * Changes one worker's start.
     *
     * @param taskName the task's name
     * @param spec the command, environment and working folder, to change in place
     */
    void customize(String taskName, WorkerProcessSpec spec);
}
