package dev.tarnish.spring.worker;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * Takes out of a worker's bean definitions what would run on its own, before any bean exists: the
 * finder of {@code @Scheduled} methods (there is no property for it; {@code @EnableScheduling}
 * registers it during configuration parsing, so this runs in {@link #postProcessBeanFactory}) and the
 * application's database initializers.
 */
final class WorkerModeBeanFactoryPostProcessor implements BeanFactoryPostProcessor {

    private static final Log logger = LogFactory.getLog(WorkerModeBeanFactoryPostProcessor.class);

    /** Boot keeps beans with {@code @Scheduled} methods eager; without scheduling they can be lazy too. */
    private static final String SCHEDULED_BEANS_EAGER_FILTER = "scheduledBeanLazyInitializationExcludeFilter";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory instanceof BeanDefinitionRegistry registry) {
            remove(registry, TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
            remove(registry, SCHEDULED_BEANS_EAGER_FILTER);
        }
        Set<String> initializers = DatabaseInitializers.disable(beanFactory);
        if (!initializers.isEmpty() && logger.isDebugEnabled()) {
            logger.debug("Database initializers skipped in this worker: " + initializers);
        }
    }

    private static void remove(BeanDefinitionRegistry registry, String name) {
        if (registry.containsBeanDefinition(name)) {
            registry.removeBeanDefinition(name);
        }
    }
}
