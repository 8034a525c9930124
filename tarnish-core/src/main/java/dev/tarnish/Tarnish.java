package dev.tarnish;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tarnish.internal.protocol.WorkerEnvironment;
import dev.tarnish.internal.worker.ParentWatch;
import dev.tarnish.internal.worker.WorkerExitCodes;
import dev.tarnish.internal.worker.WorkerMain;
import dev.tarnish.internal.worker.WorkerRuntime;

/**
 * The entry point of tarnish without Spring.
 *
 * <p>Hand the application's {@code main} to tarnish, so that the same program can run as a worker:
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     Tarnish.main(args, (arguments) -> {
 *         try (IsolatedProcess<PdfRender> pdf = Tarnish.process(PdfRender.class).build()) {
 *             ... // the application, which calls pdf.call(...)
 *         }
 *     });
 * }
 * }</pre>
 *
 * When the process was started as a worker (the environment variable {@code TARNISH_WORKER} is set),
 * {@link #main} serves calls of the task instead of running the application, and exits.
 *
 * <p>The methods under "worker side" are for framework integrations, such as the Spring Boot
 * starter, that create the task instance themselves.
 */
public final class Tarnish {

    private static final AtomicBoolean mainHandedOver = new AtomicBoolean();

    private Tarnish() {
    }

    /**
     * Runs the application, or, in a worker process, the worker.
     *
     * @param args the program arguments
     * @param application the application's own main logic, run only in the parent
     * @throws Exception whatever the application throws
     */
    public static void main(String[] args, ApplicationMain application) throws Exception {
        if (isWorker()) {
            WorkerMain.main(args);
            return;
        }
        mainHandedOver.set(true);
        application.run(args);
    }

    /**
     * Starts building the process of a task class. The class is neither initialized nor
     * instantiated in this JVM.
     *
     * @param taskClass the task class
     * @param <T> the task type
     * @return a builder
     */
    public static <T extends Task<?, ?>> IsolatedProcessBuilder<T> process(Class<T> taskClass) {
        return new IsolatedProcessBuilder<>(taskClass);
    }

    /**
     * Tells whether this process is a tarnish worker.
     *
     * @return whether the environment variable {@code TARNISH_WORKER} is set
     */
    public static boolean isWorker() {
        return WorkerEnvironment.isWorkerProcess();
    }

    /**
     * Worker side: returns the name of the task this worker serves.
     *
     * @return the task's name, or {@code null} outside a worker
     */
    public static String workerTaskName() {
        return isWorker() ? System.getenv(WorkerEnvironment.WORKER) : null;
    }

    /**
     * Worker side: returns the class name of the task this worker serves.
     *
     * @return the task class's name, or {@code null} outside a worker
     */
    public static String workerTaskClassName() {
        return isWorker() ? System.getenv(WorkerEnvironment.TASK_CLASS) : null;
    }

    /**
     * Worker side: starts preparing, on a thread of its own, what serving the task takes once it
     * exists (its input and output coding, warmed up), so that {@link #serveWorker} finds it ready.
     * For frameworks whose workers start an application first: call it as that start begins. Does
     * nothing outside a worker and after the first call; whatever fails in it is done again, and
     * reported, by {@code serveWorker}.
     *
     * @param loader the class loader of the task class
     */
    public static void prepareWorker(ClassLoader loader) {
        WorkerRuntime.prepare(Objects.requireNonNull(loader, "loader"));
    }

    /**
     * Worker side: makes this worker end the moment its parent dies, even when it is busy in native
     * code. Call it as early as possible in the worker's start-up; later calls do nothing.
     */
    public static void watchParent() {
        ParentWatch.start();
    }

    /**
     * Worker side: reports the worker ready and serves calls with {@code task} until the parent asks
     * it to stop, then returns; the caller should then exit the JVM.
     *
     * @param task the task instance
     * @param taskClass the class that declares the task's input and output types
     */
    public static void serveWorker(Task<?, ?> task, Class<?> taskClass) {
        serveWorker(task, taskClass, CallContext.none());
    }

    /**
     * Worker side: as {@link #serveWorker(Task, Class)}, entering each call's caller context (its
     * trace) around the task's run.
     *
     * @param task the task instance
     * @param taskClass the class that declares the task's input and output types
     * @param context enters the context each call carries
     */
    public static void serveWorker(Task<?, ?> task, Class<?> taskClass, CallContext context) {
        WorkerRuntime.serve(task, taskClass, Objects.requireNonNull(context, "context"));
    }

    /**
     * Worker side: tells the parent that the task could not be created; it reports the error to its
     * callers. The worker should then exit with {@link #STARTUP_FAILED_EXIT_CODE}.
     *
     * @param error why the task could not be created
     */
    public static void reportWorkerStartupFailure(Throwable error) {
        WorkerRuntime.reportStartupFailure(error);
    }

    /** The exit status of a worker whose task could not be created. */
    public static final int STARTUP_FAILED_EXIT_CODE = WorkerExitCodes.STARTUP_FAILED;

    static boolean mainHandedOver() {
        return mainHandedOver.get();
    }

    /**
     * The application's main logic, as handed to {@link Tarnish#main}.
     */
    @FunctionalInterface
    public interface ApplicationMain {

        /**
         * Runs the application.
         * @param args the program arguments
         * @throws Exception anything
         */
        void run(String[] args) throws Exception;
    }
}
