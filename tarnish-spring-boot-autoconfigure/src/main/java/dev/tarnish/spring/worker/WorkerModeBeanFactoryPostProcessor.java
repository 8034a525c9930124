package dev.tarnish.spring.worker;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * Keeps a worker from running the application's scheduled jobs: there is no property for that, so
 * the post-processor that finds {@code @Scheduled} methods is removed before any bean exists. It is
 * registered by {@code @EnableScheduling} during configuration parsing, so this runs afterwards, in
 * {@link #postProcessBeanFactory}.
 */
final class WorkerModeBeanFactoryPostProcessor implements BeanFactoryPostProcessor {

    /** Boot keeps beans with {@code @Scheduled} methods eager; without scheduling they can be lazy too. */
    private static final String SCHEDULED_BEANS_EAGER_FILTER = "scheduledBeanLazyInitializationExcludeFilter";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory instanceof BeanDefinitionRegistry registry) {
            remove(registry, TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
            remove(registry, SCHEDULED_BEANS_EAGER_FILTER);
        }
    }

    private static void remove(BeanDefinitionRegistry registry, String name) {
        if (registry.containsBeanDefinition(name)) {
            registry.removeBeanDefinition(name);
        }
    }
}
