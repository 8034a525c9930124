package dev.tarnish.spring.worker;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.util.ClassUtils;

/**
 * Keeps a worker from initializing the application's databases: Flyway and Liquibase migrations,
 * {@code spring.sql.init} scripts, the schemas of Spring Batch, Quartz and Spring Session, and any
 * initializer a library declares through Spring Boot's {@link DatabaseInitializerDetector} SPI. The
 * application initializes them; a worker that migrated again would race with it.
 *
 * <p>Each initializer's bean definition is replaced by an inert placeholder of the same name, so
 * that {@code @DependsOn} on it still resolves, and before Spring Boot orders the beans that use a
 * database after their initializers, so that it orders them after nothing.
 */
final class DatabaseInitializers {

    private static final Log logger = LogFactory.getLog(DatabaseInitializers.class);

    private static final String DETECTOR_CLASS = "org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector";

    private DatabaseInitializers() {
    }

    /**
     * Replaces every database initializer's bean definition.
     * @param beanFactory the worker's bean factory, before any bean exists
     * @param environment the worker's environment, which some detectors read (as Spring Boot gives it them)
     * @return the names of the replaced beans
     */
    static Set<String> disable(ConfigurableListableBeanFactory beanFactory, Environment environment) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        if (!ClassUtils.isPresent(DETECTOR_CLASS, classLoader)
                || !(beanFactory instanceof BeanDefinitionRegistry registry)) {
            return Set.of();
        }
        Set<String> initializers = new LinkedHashSet<>();
        for (DatabaseInitializerDetector detector : SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
            .load(DatabaseInitializerDetector.class, ArgumentResolver.of(Environment.class, environment),
                    FailureHandler.logging(logger))) {
            try {
                initializers.addAll(detector.detect(beanFactory));
            }
            catch (RuntimeException ex) {
                // Spring Boot itself would fail on it later, in the application too; do not fail here first.
                logger.warn("Database initializer detector " + detector.getClass().getName() + " failed", ex);
            }
        }
        for (String name : initializers) {
            if (registry.containsBeanDefinition(name)) {
                registry.removeBeanDefinition(name);
                registry.registerBeanDefinition(name,
                        new RootBeanDefinition(SkippedDatabaseInitializer.class, () -> new SkippedDatabaseInitializer(name)));
            }
        }
        return initializers;
    }

    /**
     * What stands in a worker for a database initializer of the application.
     * @param beanName the initializer's bean name
     */
    record SkippedDatabaseInitializer(String beanName) {
    }
}
