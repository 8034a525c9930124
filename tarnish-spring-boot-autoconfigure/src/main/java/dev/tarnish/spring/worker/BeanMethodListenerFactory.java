package dev.tarnish.spring.worker;

import java.lang.reflect.Method;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;

/**
 * Makes the {@code @EventListener} methods of a worker's beans {@link BeanMethodListener}s. Ordered
 * just before Spring's default factory, so that specialised factories (transactional listeners and
 * the like) keep their methods.
 */
final class BeanMethodListenerFactory implements EventListenerFactory, Ordered {

    @Override
    public boolean supportsMethod(Method method) {
        return true;
    }

    @Override
    public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
        return new BeanMethodListener(beanName, type, method);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
