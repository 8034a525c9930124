package dev.tarnish.spring.worker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * The lifecycle processor of a worker's context: it starts and stops only the {@link Lifecycle}
 * beans the task depends on. Message listener containers (Kafka, RabbitMQ, JMS, Pulsar), schedulers
 * (Quartz), integration endpoints and whatever else a library starts as a {@link SmartLifecycle}
 * stay stopped unless the task needs them, and are not even created: Spring's default processor
 * creates every lazy {@code SmartLifecycle} bean to auto-start it.
 */
final class TaskScopedLifecycleProcessor extends DefaultLifecycleProcessor {

    private final TaskDependencies task;

    private ConfigurableListableBeanFactory beanFactory;

    TaskScopedLifecycleProcessor(TaskDependencies task) {
        this.task = task;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    protected Map<String, Lifecycle> getLifecycleBeans() {
        Map<String, Lifecycle> beans = new LinkedHashMap<>();
        for (String name : this.task.beanNames()) {
            // Only beans that exist: the task's dependencies have all been created with it.
            Object bean = this.beanFactory.getSingleton(name);
            if (bean instanceof Lifecycle lifecycle && bean != this) {
                // Under its plain name, also for a factory bean, as Spring's processor keeps it: the
                // dependency order of start and stop is looked up by that name.
                beans.put(name, lifecycle);
            }
        }
        return beans;
    }
}
