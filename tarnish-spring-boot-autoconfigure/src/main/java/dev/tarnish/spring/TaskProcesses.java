package dev.tarnish.spring;

import java.util.function.Supplier;

import dev.tarnish.CallContext;
import dev.tarnish.IsolatedProcessBuilder;
import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.TarnishListener;
import dev.tarnish.Task;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.WorkerLaunchCustomizer;
import dev.tarnish.WorkerOutput;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Builds the process of one task from the beans it needs: how to launch a worker, what customizes
 * each worker's start ({@link WorkerLaunchCustomizer} beans, in order), who listens, and where the
 * lines its workers print go (the {@link WorkerOutput} bean, else the core's default).
 */
final class TaskProcesses {

    private TaskProcesses() {
    }

    /**
     * Creates the process of a task.
     * @param beanFactory the application's bean factory
     * @param taskClass the task class
     * @param name the task's name
     * @param settings its settings
     * @param inProcess how to make a task instance in this JVM, for {@code tarnish.mode=in-process};
     *     {@code null} to run the task in worker processes
     * @return the process
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static SupervisedProcess<?> create(ConfigurableListableBeanFactory beanFactory, Class<?> taskClass, String name,
            TaskSettings settings, Supplier<?> inProcess) {
        IsolatedProcessBuilder<Task<?, ?>> builder = Tarnish.process((Class<Task<?, ?>>) (Class) taskClass)
            .name(name)
            .settings(settings);
        if (inProcess != null && !Tarnish.isWorker()) {
            beanFactory.getBeanProvider(TarnishListener.class).orderedStream().forEach(builder::listener);
            beanFactory.getBeanProvider(CallContext.class).ifAvailable(builder::callContext);
            return builder.buildInProcess((Supplier<Task<?, ?>>) inProcess);
        }
        if (!Tarnish.isWorker()) {
            // Inside a worker the process is inert: launching and listening would only create beans for nothing.
            builder.launch(beanFactory.getBean(WorkerLaunch.class));
            // The application's own start keeps the CPU: workers start once the context is refreshed.
            builder.startLater();
            // Listeners go in before build() so that they see the first workers start.
            beanFactory.getBeanProvider(TarnishListener.class).orderedStream().forEach(builder::listener);
            beanFactory.getBeanProvider(WorkerLaunchCustomizer.class).orderedStream().forEach(builder::customizer);
            beanFactory.getBeanProvider(WorkerOutput.class).ifAvailable(builder::output);
            beanFactory.getBeanProvider(CallContext.class).ifAvailable(builder::callContext);
        }
        return builder.build();
    }
}
