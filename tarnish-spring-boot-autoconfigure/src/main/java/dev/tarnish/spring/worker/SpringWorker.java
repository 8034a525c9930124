package dev.tarnish.spring.worker;

import dev.tarnish.CallContext;
import dev.tarnish.Tarnish;
import dev.tarnish.Task;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.ClassUtils;

/**
 * The worker side of a started application context: gets the served task from Spring, serves calls,
 * then closes the context and exits. Never returns.
 */
final class SpringWorker {

    private final ConfigurableApplicationContext context;

    SpringWorker(ConfigurableApplicationContext context) {
        this.context = context;
    }

    void serveAndExit() {
        Task<?, ?> task;
        Class<?> taskClass;
        try {
            taskClass = ClassUtils.forName(Tarnish.workerTaskClassName(), this.context.getClassLoader());
            task = createTask(taskClass);
        }
        catch (Throwable ex) {
            failStartup(ex);
            return;
        }
        Tarnish.serveWorker(task, taskClass, callContext());
        this.context.close();
        System.exit(0);
    }

    /** The application's call context (tracing, when Micrometer's is set up), created now, before the first call. */
    private CallContext callContext() {
        try {
            return this.context.getBeanProvider(CallContext.class).getIfAvailable(CallContext::none);
        }
        catch (RuntimeException ex) {
            System.err.println("tarnish worker: calls of task '" + Tarnish.workerTaskName() + "' run without their "
                    + "callers' context: " + ex);
            return CallContext.none();
        }
    }

    /**
     * Returns the task: the bean tarnish registered for it, created with its dependencies while the
     * context refreshed, or, if tarnish's auto-configuration is not active, a one-off bean of the context.
     */
    private Task<?, ?> createTask(Class<?> taskClass) {
        Object task = createBean(taskClass);
        if (!(task instanceof Task<?, ?> created)) {
            throw new IllegalStateException(taskClass.getName() + " does not implement " + Task.class.getName());
        }
        return created;
    }

    private Object createBean(Class<?> type) {
        // The bean tarnish registered, by name: another bean of the same type must not be served instead.
        if (this.context.containsBeanDefinition(WorkerModeContext.TASK_BEAN_NAME)) {
            return this.context.getBean(WorkerModeContext.TASK_BEAN_NAME);
        }
        return this.context.getAutowireCapableBeanFactory().createBean(type);
    }

    /**
     * Tells the parent why the worker could not start, and exits.
     * @param error the failure
     */
    static void failStartup(Throwable error) {
        // One line for the stderr tail of the crash report; the parent gets the whole error itself.
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        System.err.println("tarnish worker: could not start task '" + Tarnish.workerTaskName() + "': " + error
                + ((root != error) ? "; root cause: " + root : ""));
        Tarnish.reportWorkerStartupFailure(error);
        System.exit(Tarnish.STARTUP_FAILED_EXIT_CODE);
    }
}
