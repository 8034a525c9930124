package dev.tarnish.spring.worker;

import java.time.Duration;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * What makes a worker's application context the task and nothing else of the application. The task's
 * bean is created while the context refreshes, with every bean it depends on, and then:
 * <ul>
 * <li>only {@code Lifecycle} beans among those start ({@link TaskScopedLifecycleProcessor});</li>
 * <li>only listeners among those, and listeners that are not beans, hear of the application's life
 * ({@link TaskScopedEventMulticaster});</li>
 * <li>no {@code @Scheduled} method is scheduled and no database is initialized
 * ({@link WorkerModeBeanFactoryPostProcessor});</li>
 * <li>other beans stay lazy and are never created unless the task asks for them.</li>
 * </ul>
 */
public final class WorkerModeContext {

    /** The name of the served task's bean in a worker. */
    public static final String TASK_BEAN_NAME = "tarnishWorkerTask";

    /** Spring Boot's default for {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    private WorkerModeContext() {
    }

    /**
     * Sets up a worker's context, before its bean definitions are loaded.
     * @param context the worker's context
     */
    static void configure(ConfigurableApplicationContext context) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        TaskDependencies task = new TaskDependencies(beanFactory, TASK_BEAN_NAME);
        beanFactory.addBeanPostProcessor(task);
        TaskScopedLifecycleProcessor lifecycle = new TaskScopedLifecycleProcessor(task);
        lifecycle.setBeanFactory(beanFactory);
        Duration phaseTimeout = Binder.get(context.getEnvironment())
            .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
            .orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
        lifecycle.setTimeoutPerShutdownPhase(phaseTimeout.toMillis());
        WorkerModeBeanFactoryPostProcessor postProcessor = new WorkerModeBeanFactoryPostProcessor(
                context.getEnvironment());
        postProcessor.keepSingleton(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME, lifecycle);
        postProcessor.keepSingleton(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
                new TaskScopedEventMulticaster(beanFactory, task));
        postProcessor.keepSingleton("tarnishWorkerEventListenerFactory", new BeanMethodListenerFactory());
        postProcessor.registerKeptSingletons(beanFactory);
        context.addBeanFactoryPostProcessor(postProcessor);
    }
}
