package dev.tarnish.spring.isolated;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tarnish.spring.Isolated;
import dev.tarnish.spring.InvalidIsolatedMethodException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.scheduling.annotation.Async;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link Isolated @Isolated} methods of a bean factory's beans from their definitions,
 * before any bean exists, and checks that each can run in a worker.
 */
public final class IsolatedMethods {

    private static final Log logger = LogFactory.getLog(IsolatedMethods.class);

    private IsolatedMethods() {
    }

    /**
     * Finds every isolated method, in bean definition order.
     * @param beanFactory the bean factory, after its definitions are complete
     * @return the methods
     * @throws InvalidIsolatedMethodException for a method that calls would not reach through the proxy,
     *     on a bean that is not a singleton, or with types that cannot be resolved
     */
    public static List<IsolatedMethod> find(ConfigurableListableBeanFactory beanFactory) {
        List<IsolatedMethod> found = new ArrayList<>();
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
            if (definition.isAbstract() || definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
                continue;
            }
            Class<?> beanClass = typeOf(beanFactory, beanName);
            if (beanClass == null) {
                continue;
            }
            isolatedMethods(beanClass).forEach((method, isolated) -> found
                .add(checked(definition, beanName, beanClass, method, isolated)));
        }
        return found;
    }

    /**
     * Returns the isolated methods a class declares or inherits.
     * @param beanClass the class, without any proxy subclass
     * @return the methods with their annotations, empty if none (or if the class cannot be introspected)
     */
    public static Map<Method, Isolated> isolatedMethods(Class<?> beanClass) {
        if (!AnnotationUtils.isCandidateClass(beanClass, Isolated.class)) {
            return Map.of();
        }
        try {
            return MethodIntrospector.selectMethods(beanClass, (MethodIntrospector.MetadataLookup<Isolated>) (method) ->
                    AnnotatedElementUtils.findMergedAnnotation(method, Isolated.class));
        }
        catch (Throwable ex) {
            // A method signature naming an optional class that is absent: as Spring's own method scans do,
            // skip the class; such a class cannot declare a usable isolated method anyway.
            logger.debug("Cannot look for @Isolated methods in " + beanClass.getName(), ex);
            return Map.of();
        }
    }

    /** The bean's class from its definition, without initializing a FactoryBean; null if unknown. */
    private static Class<?> typeOf(ConfigurableListableBeanFactory beanFactory, String beanName) {
        try {
            Class<?> type = beanFactory.getType(beanName, false);
            return (type != null) ? ClassUtils.getUserClass(type) : null;
        }
        catch (Throwable ex) {
            logger.debug("Cannot tell the type of bean '" + beanName + "' to look for @Isolated methods", ex);
            return null;
        }
    }

    private static IsolatedMethod checked(BeanDefinition definition,
            String beanName, Class<?> beanClass, Method method, Isolated isolated) {
        String description = IsolatedMethod.describe(beanClass, method);
        int modifiers = method.getModifiers();
        if (!Modifier.isPublic(modifiers)) {
            throw new InvalidIsolatedMethodException(description, "it is not public; only public methods are "
                    + "called through the bean's proxy");
        }
        if (Modifier.isStatic(modifiers)) {
            throw new InvalidIsolatedMethodException(description, "it is static; a static method is never called "
                    + "through the bean's proxy");
        }
        if (Modifier.isFinal(modifiers)) {
            throw new InvalidIsolatedMethodException(description, "it is final; a proxy cannot override it, so its "
                    + "calls would run in the application");
        }
        if (Modifier.isFinal(beanClass.getModifiers())) {
            throw new InvalidIsolatedMethodException(description, "its class is final (a record, or a Kotlin class "
                    + "that is not open); a proxy cannot subclass it");
        }
        if (!definition.isSingleton() || BeanFactoryUtils.isFactoryDereference(beanName)) {
            throw new InvalidIsolatedMethodException(description, "its bean '" + beanName + "' is not a singleton "
                    + "(scope '" + definition.getScope() + "'); a worker serves one bean for all calls");
        }
        if (AnnotatedElementUtils.hasAnnotation(method, Async.class)
                || AnnotatedElementUtils.hasAnnotation(beanClass, Async.class)) {
            throw new InvalidIsolatedMethodException(description, "it is also @Async; its worker would return before "
                    + "the method ran, and a crash would hit no call. Return a CompletableFuture instead");
        }
        // Resolves every type now, so that an unresolvable one fails the start, not the first call.
        MethodCodec.of(beanClass, method, description);
        String name = isolated.name().isBlank() ? beanName + "." + method.getName() : isolated.name();
        return new IsolatedMethod(name, beanName, beanClass, method, isolated.workers(), isolated.callTimeout());
    }
}
