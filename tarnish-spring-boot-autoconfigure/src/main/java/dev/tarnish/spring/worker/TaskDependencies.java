package dev.tarnish.spring.worker;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The served task's bean and every bean it depends on, directly or through other beans: what may run
 * in a worker. Two sources, since neither sees everything: the dependencies Spring records as it
 * injects (constructor, field and method injection, {@code @DependsOn}), and, as a bean post-processor,
 * every bean created while the task's bean is being created, which also catches beans the task or
 * its dependencies look up through an {@code ObjectProvider} or the bean factory. Asked afresh each
 * time. Thread-safe.
 */
final class TaskDependencies implements BeanPostProcessor {

    private final ConfigurableListableBeanFactory beanFactory;

    private final String taskBeanName;

    private final Set<String> createdWithTask = ConcurrentHashMap.newKeySet();

    TaskDependencies(ConfigurableListableBeanFactory beanFactory, String taskBeanName) {
        this.beanFactory = beanFactory;
        this.taskBeanName = taskBeanName;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (this.beanFactory.isCurrentlyInCreation(this.taskBeanName)) {
            this.createdWithTask.add(beanName);
        }
        return bean;
    }

    /**
     * Returns the names of the task's bean and of the beans it depends on, without the factory-bean
     * prefix.
     * @return the bean names, empty while the task's bean does not exist
     */
    Set<String> beanNames() {
        Set<String> names = new LinkedHashSet<>();
        if (!this.beanFactory.containsSingleton(this.taskBeanName)) {
            return names;
        }
        Deque<String> pending = new ArrayDeque<>();
        pending.add(this.taskBeanName);
        pending.addAll(this.createdWithTask);
        while (!pending.isEmpty()) {
            String name = BeanFactoryUtils.transformedBeanName(pending.poll());
            if (names.add(name)) {
                pending.addAll(Arrays.asList(this.beanFactory.getDependenciesForBean(name)));
            }
        }
        return names;
    }
}
