package dev.tarnish.spring.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * Takes out of a worker's bean definitions what would run on its own, before any bean exists: the
 * finder of {@code @Scheduled} methods (there is no property for it; {@code @EnableScheduling}
 * registers it during configuration parsing, so this runs in {@link #postProcessBeanFactory}) and the
 * application's database initializers. It also keeps the worker's own context infrastructure (its
 * lifecycle processor, event multicaster): an application bean of the same name, defined while the
 * configuration is parsed, would replace it and with it the task's scope.
 */
final class WorkerModeBeanFactoryPostProcessor implements BeanFactoryPostProcessor {

    private static final Log logger = LogFactory.getLog(WorkerModeBeanFactoryPostProcessor.class);

    /** Boot keeps beans with {@code @Scheduled} methods eager; without scheduling they can be lazy too. */
    private static final String SCHEDULED_BEANS_EAGER_FILTER = "scheduledBeanLazyInitializationExcludeFilter";

    private final Environment environment;

    private final Map<String, Object> keptSingletons = new LinkedHashMap<>();

    WorkerModeBeanFactoryPostProcessor(Environment environment) {
        this.environment = environment;
    }

    /**
     * Names a singleton of the worker's own that no application bean may replace.
     * @param name its bean name
     * @param singleton the singleton
     */
    void keepSingleton(String name, Object singleton) {
        this.keptSingletons.put(name, singleton);
    }

    /**
     * Registers the kept singletons.
     * @param beanFactory the worker's bean factory
     */
    void registerKeptSingletons(ConfigurableListableBeanFactory beanFactory) {
        this.keptSingletons.forEach((name, singleton) -> {
            if (!beanFactory.containsSingleton(name)) {
                beanFactory.registerSingleton(name, singleton);
            }
        });
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory instanceof BeanDefinitionRegistry registry) {
            remove(registry, TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
            remove(registry, SCHEDULED_BEANS_EAGER_FILTER);
            for (String name : this.keptSingletons.keySet()) {
                if (registry.containsBeanDefinition(name)) {
                    logger.info("The application's bean '" + name + "' is replaced by tarnish's in this worker, which "
                            + "runs the task's beans only");
                    registry.removeBeanDefinition(name);
                }
            }
        }
        registerKeptSingletons(beanFactory);
        Set<String> initializers = DatabaseInitializers.disable(beanFactory, this.environment);
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
