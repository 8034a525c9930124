package dev.tarnish.spring.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The served task's bean and every bean it depends on, directly or through other beans: what may run
 * in a worker. Read from the dependencies Spring records as it injects beans (constructor, field and
 * method injection, {@code @DependsOn}), so it grows as the task's beans are created; asked afresh
 * each time.
 */
final class TaskDependencies {

    private final ConfigurableListableBeanFactory beanFactory;

    private final String taskBeanName;

    TaskDependencies(ConfigurableListableBeanFactory beanFactory, String taskBeanName) {
        this.beanFactory = beanFactory;
        this.taskBeanName = taskBeanName;
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
        while (!pending.isEmpty()) {
            String name = BeanFactoryUtils.transformedBeanName(pending.poll());
            if (names.add(name)) {
                pending.addAll(Set.of(this.beanFactory.getDependenciesForBean(name)));
            }
        }
        return names;
    }
}
