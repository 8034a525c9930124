package dev.tarnish.spring.worker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * The event multicaster of a worker's context. The events of the application's life (context
 * refreshed, started, stopped, closed; application started, ready; availability changes) reach only
 * listeners that are beans the task depends on, and listeners that are not beans at all (those
 * Spring Boot and libraries register with the {@code SpringApplication}, such as the logging system's).
 * A listener bean outside the task is never created for such an event, as it would be in the
 * application: a lazy {@code ApplicationListener} or {@code @EventListener} bean is created on the
 * first event it listens to, and with it whatever it starts. Other events are delivered as usual
 * (without Spring's cache of who listens to what: a worker's events are few).
 */
final class TaskScopedEventMulticaster extends SimpleApplicationEventMulticaster {

    private final ConfigurableListableBeanFactory beanFactory;

    private final TaskDependencies task;

    /** Listener beans by name, held here rather than in the superclass, which would create them all. */
    private final Set<String> listenerBeans = new LinkedHashSet<>();

    TaskScopedEventMulticaster(ConfigurableListableBeanFactory beanFactory, TaskDependencies task) {
        super(beanFactory);
        this.beanFactory = beanFactory;
        this.task = task;
    }

    /**
     * Tells whether an event is one of the application's life, which only the task's listeners get.
     * @param event the event
     * @return whether it is
     */
    static boolean isLifeEvent(ApplicationEvent event) {
        return event instanceof ApplicationContextEvent || event instanceof SpringApplicationEvent
                || event instanceof AvailabilityChangeEvent;
    }

    @Override
    public void addApplicationListenerBean(String listenerBeanName) {
        synchronized (this.listenerBeans) {
            this.listenerBeans.add(listenerBeanName);
        }
    }

    @Override
    public void removeApplicationListenerBean(String listenerBeanName) {
        synchronized (this.listenerBeans) {
            this.listenerBeans.remove(listenerBeanName);
        }
    }

    @Override
    public void removeApplicationListenerBeans(Predicate<String> predicate) {
        synchronized (this.listenerBeans) {
            this.listenerBeans.removeIf(predicate);
        }
    }

    @Override
    public void removeAllListeners() {
        super.removeAllListeners();
        synchronized (this.listenerBeans) {
            this.listenerBeans.clear();
        }
    }

    @Override
    protected Collection<ApplicationListener<?>> getApplicationListeners(ApplicationEvent event,
            ResolvableType eventType) {
        boolean lifeEvent = isLifeEvent(event);
        Set<String> taskBeans = lifeEvent ? this.task.beanNames() : Set.of();
        Map<Object, String> singletonListeners = lifeEvent ? singletonListenerNames() : Map.of();
        List<ApplicationListener<?>> listeners = new ArrayList<>();
        for (ApplicationListener<?> listener : super.getApplicationListeners(event, eventType)) {
            if (!lifeEvent || belongsToTask(listener, taskBeans, singletonListeners)) {
                listeners.add(listener);
            }
        }
        Class<?> sourceType = (event.getSource() != null) ? event.getSource().getClass() : null;
        for (String name : listenerBeanNames()) {
            if (lifeEvent && !taskBeans.contains(name)) {
                continue;
            }
            Class<?> type = this.beanFactory.getType(name);
            if (type != null && !supportsEvent(type, eventType)) {
                continue;
            }
            try {
                ApplicationListener<?> listener = this.beanFactory.getBean(name, ApplicationListener.class);
                if (!listeners.contains(listener) && supportsEvent(listener, eventType, sourceType)) {
                    listeners.add(listener);
                }
            }
            catch (NoSuchBeanDefinitionException ex) {
                // A listener removed meanwhile (a destroyed scope, the context closing), as Spring skips it.
            }
        }
        AnnotationAwareOrderComparator.sort(listeners);
        return listeners;
    }

    private static boolean belongsToTask(ApplicationListener<?> listener, Set<String> taskBeans,
            Map<Object, String> singletonListeners) {
        if (listener instanceof BeanMethodListener method) {
            return taskBeans.contains(method.beanName());
        }
        if (listener instanceof ApplicationListenerMethodAdapter) {
            return false; // an @EventListener method of some bean, made by another factory: not known to be the task's
        }
        String beanName = singletonListeners.get(listener);
        return beanName == null || taskBeans.contains(beanName);
    }

    /** Listener beans that already exist, which the context also registers as listener instances. */
    private Map<Object, String> singletonListenerNames() {
        Map<Object, String> names = new IdentityHashMap<>();
        for (String name : this.beanFactory.getSingletonNames()) {
            Object singleton = this.beanFactory.getSingleton(name);
            if (singleton instanceof ApplicationListener<?>) {
                names.put(singleton, name);
            }
        }
        return names;
    }

    private List<String> listenerBeanNames() {
        synchronized (this.listenerBeans) {
            return new ArrayList<>(this.listenerBeans);
        }
    }
}
