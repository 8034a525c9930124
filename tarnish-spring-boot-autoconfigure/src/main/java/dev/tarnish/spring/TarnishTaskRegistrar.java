package dev.tarnish.spring;

import java.beans.Introspector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.TaskSettings;
import dev.tarnish.spring.worker.WorkerModeContext;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.InstanceSupplier;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link TarnishTask} classes and registers one {@code IsolatedProcess<Task>} bean per
 * task, named after it; in a worker it also registers the served task class as a bean.
 *
 * <p>Classes are found by reading their byte code and loaded without initialization: a task's static
 * initializer must never run in the application. The bean's target type carries the task class as
 * a generic argument so that {@code IsolatedProcess<PdfRender>} injection points match it.
 */
final class TarnishTaskRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        ConfigurableListableBeanFactory beanFactory = (ConfigurableListableBeanFactory) registry;
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        TarnishProperties properties = Binder.get(this.environment)
            .bind("tarnish", TarnishProperties.class)
            .orElseGet(TarnishProperties::new);
        TaskSettingsResolver resolver = new TaskSettingsResolver(properties);
        Map<String, FoundTask> tasks = findTasks(beanFactory);
        resolver.checkTaskNames(tasks.keySet());
        for (FoundTask task : tasks.values()) {
            TaskSettings settings = resolver.resolve(task.name(), task.className(), task.workers(), task.callTimeout());
            Class<?> taskClass = loadWithoutInitializing(task.className(), classLoader);
            ResolvableType type = ResolvableType.forClassWithGenerics(SupervisedProcess.class, taskClass);
            if (beanFactory.getBeanNamesForType(type, true, false).length > 0) {
                continue; // the application defines this task's process itself
            }
            registry.registerBeanDefinition(task.name(), processDefinition(type, taskClass, task.name(), settings));
        }
        if (Tarnish.isWorker()) {
            registerServedTask(registry, classLoader);
        }
    }

    private Map<String, FoundTask> findTasks(ConfigurableListableBeanFactory beanFactory) {
        Map<String, FoundTask> tasks = new LinkedHashMap<>();
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return tasks;
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                this.environment);
        scanner.addIncludeFilter(new AnnotationTypeFilter(TarnishTask.class, false, false));
        for (String basePackage : AutoConfigurationPackages.get(beanFactory)) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                FoundTask task = FoundTask.of((AnnotatedBeanDefinition) candidate);
                FoundTask clash = tasks.putIfAbsent(task.name(), task);
                if (clash != null && !clash.className().equals(task.className())) {
                    throw new TaskNameClashException(task.name(), clash.className(), task.className());
                }
            }
        }
        return tasks;
    }

    private static RootBeanDefinition processDefinition(ResolvableType type, Class<?> taskClass, String name,
            TaskSettings settings) {
        RootBeanDefinition definition = new RootBeanDefinition(SupervisedProcess.class);
        definition.setTargetType(type);
        definition.setInstanceSupplier(InstanceSupplier
            .of((registeredBean) -> TaskProcesses.create(registeredBean.getBeanFactory(), taskClass, name, settings)));
        // close(): shutdown message, grace period, then SIGKILL, also for a worker stuck in a call.
        definition.setDestroyMethodName("close");
        return definition;
    }

    /**
     * In a worker, the served task is a bean, created with its dependencies while the context
     * refreshes, whatever the application's lazy-initialization setting: its constructor and
     * {@code @PostConstruct} run before the worker reports ready, and the worker's context knows from
     * it which beans are the task's.
     */
    private static void registerServedTask(BeanDefinitionRegistry registry, ClassLoader classLoader) {
        Class<?> taskClass = ClassUtils.resolveClassName(Tarnish.workerTaskClassName(), classLoader);
        AnnotatedGenericBeanDefinition definition = new AnnotatedGenericBeanDefinition(taskClass);
        AnnotationConfigUtils.processCommonDefinitionAnnotations(definition);
        definition.setLazyInit(false);
        registry.registerBeanDefinition(WorkerModeContext.TASK_BEAN_NAME, definition);
    }

    private static Class<?> loadWithoutInitializing(String className, ClassLoader classLoader) {
        try {
            // ClassUtils.forName loads with initialize=false: no static initializer runs here.
            return ClassUtils.forName(className, classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new IllegalStateException("Cannot load @TarnishTask class " + className, ex);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    private record FoundTask(String name, String className, int workers, String callTimeout) {

        static FoundTask of(AnnotatedBeanDefinition candidate) {
            String className = candidate.getMetadata().getClassName();
            Map<String, Object> attributes = candidate.getMetadata().getAnnotationAttributes(TarnishTask.class.getName());
            String name = (attributes != null) ? (String) attributes.get("name") : "";
            if (name == null || name.isBlank()) {
                name = Introspector.decapitalize(ClassUtils.getShortName(className));
            }
            int workers = (attributes != null) ? (Integer) attributes.get("workers") : -1;
            String callTimeout = (attributes != null) ? (String) attributes.get("callTimeout") : "";
            return new FoundTask(name, className, workers, callTimeout);
        }
    }
}
