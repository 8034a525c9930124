package dev.tarnish.spring.worker;

import java.lang.reflect.Method;

import org.springframework.context.event.ApplicationListenerMethodAdapter;

/**
 * An {@code @EventListener} method that knows the name of its bean, so that a worker can tell
 * whether it belongs to the task before creating the bean.
 */
final class BeanMethodListener extends ApplicationListenerMethodAdapter {

    private final String beanName;

    BeanMethodListener(String beanName, Class<?> targetClass, Method method) {
        super(beanName, targetClass, method);
        this.beanName = beanName;
    }

    String beanName() {
        return this.beanName;
    }
}
