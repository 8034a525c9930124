package dev.tarnish.internal.worker;

import java.lang.reflect.Constructor;

import dev.tarnish.CallContext;
import dev.tarnish.Task;
import dev.tarnish.internal.protocol.WorkerEnvironment;

/**
 * The library's own worker entry point, for plain-Java use: creates the task named by
 * {@value WorkerEnvironment#TASK_CLASS} with its no-argument constructor and serves calls.
 *
 * <p>Exit statuses are those of {@link WorkerExitCodes}; {@code 64} means the process was not
 * started by tarnish.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    /**
     * Runs the worker.
     * @param args ignored
     */
    public static void main(String[] args) {
        if (!WorkerEnvironment.isWorkerProcess()) {
            System.err.println("tarnish: " + WorkerMain.class.getName() + " runs only as a worker started by tarnish");
            System.exit(64);
        }
        ParentWatch.start();
        runTask(WorkerEnvironment.from(System.getenv()).taskClassName());
        System.exit(WorkerExitCodes.SHUTDOWN);
    }

    /**
     * Creates the named task class with its no-argument constructor and serves calls; reports the
     * failure and exits if the class cannot be created.
     * @param taskClassName the task class
     */
    static void runTask(String taskClassName) {
        Task<?, ?> task;
        Class<?> taskClass;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            taskClass = Class.forName(taskClassName, true, (loader != null) ? loader : WorkerMain.class.getClassLoader());
            Constructor<?> constructor = taskClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            task = (Task<?, ?>) constructor.newInstance();
        }
        catch (Throwable ex) {
            Throwable cause = (ex instanceof java.lang.reflect.InvocationTargetException) ? ex.getCause() : ex;
            WorkerRuntime.reportStartupFailure(new IllegalStateException("Could not create task " + taskClassName
                    + ": " + cause, cause));
            System.exit(WorkerExitCodes.STARTUP_FAILED);
            return;
        }
        WorkerRuntime.serve(task, taskClass, CallContext.none());
    }
}
