package dev.tarnish.spring.worker;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.io.support.SpringFactoriesLoader;
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

    private static final String DETECTOR_CLASS = "org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector";

    private DatabaseInitializers() {
    }

    /**
     * Replaces every database initializer's bean definition.
     * @param beanFactory the worker's bean factory, before any bean exists
     * @return the names of the replaced beans
     */
    static Set<String> disable(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        if (!ClassUtils.isPresent(DETECTOR_CLASS, classLoader)
                || !(beanFactory instanceof BeanDefinitionRegistry registry)) {
            return Set.of();
        }
        Set<String> initializers = new LinkedHashSet<>();
        for (DatabaseInitializerDetector detector : SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
            .load(DatabaseInitializerDetector.class)) {
            initializers.addAll(detector.detect(beanFactory));
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
