package dev.tarnish.spring.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * A worker's context without worker processes: which beans are created, started and told of events.
 */
class WorkerModeContextTests {

    @Test
    void onlyTheTasksDependenciesShouldBeCreatedStartedAndToldOfTheContextsLife() {
        try (AnnotationConfigApplicationContext context = workerContext()) {
            Dependency dependency = context.getBean(Dependency.class);
            assertThat(dependency.running).isTrue();
            assertThat(dependency.events).hasExactlyElementsOfTypes(ContextRefreshedEvent.class);
            assertThat(context.getBeanFactory().containsSingleton("outsideLifecycle")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("outsideListener")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("outsideMethodListener")).isFalse();
        }
    }

    @Test
    void listenersThatAreNotBeansShouldHearOfTheContextsLife() {
        List<ApplicationEvent> heard = new ArrayList<>();
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.addApplicationListener(heard::add);
        register(context);
        context.refresh();
        context.close();
        assertThat(heard).hasAtLeastOneElementOfType(ContextRefreshedEvent.class)
            .hasAtLeastOneElementOfType(ContextClosedEvent.class);
    }

    @Test
    void otherEventsShouldReachEveryListenerAsUsual() {
        try (AnnotationConfigApplicationContext context = workerContext()) {
            context.publishEvent(new Custom(this));
            assertThat(context.getBean(OutsideListener.class).events).hasExactlyElementsOfTypes(Custom.class);
            assertThat(context.getBean(OutsideMethodListener.class).events).hasExactlyElementsOfTypes(Custom.class);
            assertThat(context.getBean(Dependency.class).events).hasExactlyElementsOfTypes(ContextRefreshedEvent.class,
                    Custom.class);
        }
    }

    @Test
    void beansTheTaskLooksUpWhileItIsCreatedShouldBeAmongItsDependencies() {
        try (AnnotationConfigApplicationContext context = workerContext()) {
            assertThat(context.getBean(LookedUp.class).running).isTrue();
        }
    }

    @Test
    void anApplicationsOwnMulticasterShouldNotReplaceTheWorkersOne() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        register(context);
        context.registerBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
                SimpleApplicationEventMulticaster.class);
        context.refresh();
        try (context) {
            assertThat(context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME))
                .isInstanceOf(TaskScopedEventMulticaster.class);
            assertThat(context.getBeanFactory().containsSingleton("outsideListener")).isFalse();
        }
    }

    @Test
    void taskDependenciesShouldFollowInjectionTransitively() {
        try (AnnotationConfigApplicationContext context = workerContext()) {
            assertThat(new TaskDependencies(context.getBeanFactory(), WorkerModeContext.TASK_BEAN_NAME).beanNames())
                .contains(WorkerModeContext.TASK_BEAN_NAME, "dependency", "indirect")
                .doesNotContain("outsideLifecycle", "outsideListener", "outsideMethodListener");
        }
    }

    private static AnnotationConfigApplicationContext workerContext() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        register(context);
        context.refresh();
        return context;
    }

    private static void register(AnnotationConfigApplicationContext context) {
        WorkerModeContext.configure(context);
        context.registerBean(WorkerModeContext.TASK_BEAN_NAME, FakeTask.class);
        context.registerBean("dependency", Dependency.class);
        context.registerBean("indirect", Indirect.class);
        lazy(context, "lookedUp", LookedUp.class);
        lazy(context, "outsideLifecycle", OutsideLifecycle.class);
        lazy(context, "outsideListener", OutsideListener.class);
        lazy(context, "outsideMethodListener", OutsideMethodListener.class);
    }

    private static void lazy(AnnotationConfigApplicationContext context, String name, Class<?> type) {
        RootBeanDefinition definition = new RootBeanDefinition(type);
        definition.setLazyInit(true);
        context.registerBeanDefinition(name, definition);
    }

    static class FakeTask {

        FakeTask(Dependency dependency, ObjectProvider<LookedUp> lookedUp) {
            lookedUp.getObject();
        }
    }

    /** Looked up by the task through an ObjectProvider: no dependency is recorded for it. */
    static class LookedUp extends Switch {
    }

    static class Indirect {
    }

    /** A lifecycle bean that only remembers whether it runs. */
    abstract static class Switch implements SmartLifecycle {

        volatile boolean running;

        @Override
        public void start() {
            this.running = true;
        }

        @Override
        public void stop() {
            this.running = false;
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }
    }

    static class Dependency extends Switch implements ApplicationListener<ApplicationEvent> {

        final List<ApplicationEvent> events = new ArrayList<>();

        Dependency(Indirect indirect) {
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (!(event instanceof ContextClosedEvent)) {
                this.events.add(event);
            }
        }
    }

    static class OutsideLifecycle extends Switch {
    }

    static class OutsideListener implements ApplicationListener<ApplicationEvent> {

        final List<ApplicationEvent> events = new ArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            this.events.add(event);
        }
    }

    static class OutsideMethodListener {

        final List<ApplicationEvent> events = new ArrayList<>();

        @EventListener
        void on(ApplicationEvent event) {
            this.events.add(event);
        }
    }

    static class Custom extends ApplicationEvent {

        Custom(Object source) {
            super(source);
        }
    }
}
