package dev.tarnish.spring;

import java.beans.Introspector;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.tarnish.CallContext;
import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.TaskSettings;
import dev.tarnish.spring.isolated.IsolatedBeanPostProcessor;
import dev.tarnish.spring.isolated.IsolatedMethod;
import dev.tarnish.spring.isolated.IsolatedMethodTask;
import dev.tarnish.spring.isolated.IsolatedMethods;
import dev.tarnish.spring.worker.WorkerModeContext;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.InstanceSupplier;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link TarnishTask} classes and the {@link Isolated} methods and registers one
 * {@code IsolatedProcess} bean per task, named after it, and the proxies of the isolated methods' beans;
 * in a worker it registers the served task as a bean instead.
 *
 * <p>Classes are found by reading their byte code and loaded without initialization: a task's static
 * initializer must never run in the application. The bean's target type carries the task class as
 * a generic argument so that {@code IsolatedProcess<PdfRender>} injection points match it.
 */
final class TarnishTaskRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private static final Log logger = LogFactory.getLog(TarnishTaskRegistrar.class);

    private static final String ISOLATED_POST_PROCESSOR_BEAN_NAME = "tarnishIsolatedBeanPostProcessor";

    private static final ConfigurationPropertyName TASKS = ConfigurationPropertyName.of("tarnish.tasks");

    private Environment environment;

    private TaskSettingsResolver resolver;

    /** Whether tasks run in this JVM ({@code tarnish.mode=in-process}). */
    private boolean inProcess;

    /** The task names found so far, each with what it names (a task class or an isolated method). */
    private final Map<String, String> taskNames = new LinkedHashMap<>();

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
        this.resolver = new TaskSettingsResolver(properties);
        this.inProcess = properties.getMode() == TarnishProperties.Mode.IN_PROCESS && !Tarnish.isWorker();
        if (this.inProcess) {
            logger.warn("tarnish.mode=in-process: every task runs in this JVM, with no isolation; for tests only");
        }
        Map<String, FoundTask> tasks = findTasks(beanFactory);
        tasks.values().forEach((task) -> this.taskNames.put(task.name(), task.className()));
        for (FoundTask task : tasks.values()) {
            TaskSettings settings = this.resolver.resolve(task.name(), task.className(), task.workers(),
                    this.environment.resolvePlaceholders(task.callTimeout()));
            Class<?> taskClass = loadWithoutInitializing(task.className(), classLoader);
            ResolvableType type = ResolvableType.forClassWithGenerics(SupervisedProcess.class, taskClass);
            if (beanFactory.getBeanNamesForType(type, true, false).length > 0) {
                continue; // the application defines this task's process itself
            }
            registry.registerBeanDefinition(task.name(), processDefinition(type, taskClass, task.name(), settings,
                    (factory) -> factory.createBean(taskClass)));
        }
        if (Tarnish.isWorker() && !servesIsolatedMethod()) {
            registerServedTask(registry, classLoader);
        }
    }

    /**
     * Registers the process of each {@link Isolated} method, and the proxies that call them; in a
     * worker of one, its task. Here rather than with the task classes: the beans whose methods these
     * are may come from any registry post-processor, and all have run by now.
     */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
        if (Tarnish.isWorker()) {
            // The parent has checked the task names before it started this worker. Finding isolated
            // methods means resolving the type of every bean, which a worker of a task class skips.
            if (servesIsolatedMethod()) {
                registerServedMethod(registry, IsolatedMethods.find(beanFactory));
            }
            taskDependsOnCallContext(beanFactory);
            return; // a worker calls its methods itself, unproxied
        }
        List<IsolatedMethod> methods = IsolatedMethods.find(beanFactory);
        for (IsolatedMethod method : methods) {
            String clash = this.taskNames.putIfAbsent(method.taskName(), method.description());
            if (clash != null) {
                throw new TaskNameClashException(method.taskName(), clash, method.description());
            }
        }
        this.resolver.checkTaskNames(this.taskNames.keySet(), configuredTaskNames());
        for (IsolatedMethod method : methods) {
            if (registry.containsBeanDefinition(method.taskName())) {
                throw new TaskNameClashException(method.taskName(), "bean '" + method.taskName() + "'",
                        method.description());
            }
            TaskSettings settings = this.resolver.resolve(method.taskName(), method.description(), method.workers(),
                    this.environment.resolvePlaceholders(method.callTimeout()));
            ResolvableType type = ResolvableType.forClassWithGenerics(SupervisedProcess.class,
                    IsolatedMethodTask.class);
            registry.registerBeanDefinition(method.taskName(),
                    processDefinition(type, IsolatedMethodTask.class, method.taskName(), settings,
                            (factory) -> new IsolatedMethodTask(factory.getBean(method.beanName()), method)));
        }
        // Also without a method found: it refuses beans whose isolated methods their definitions hid.
        RootBeanDefinition postProcessor = new RootBeanDefinition(IsolatedBeanPostProcessor.class,
                () -> new IsolatedBeanPostProcessor(methods));
        postProcessor.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(ISOLATED_POST_PROCESSOR_BEAN_NAME, postProcessor);
    }

    /** The task names under {@code tarnish.tasks} in the environment's enumerable property sources. */
    private Set<String> configuredTaskNames() {
        Set<String> names = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.filter(TASKS::isAncestorOf)
                    .forEach((name) -> names.add(name.getElement(TASKS.getNumberOfElements(), Form.ORIGINAL)));
            }
        }
        return names;
    }

    /**
     * In a worker, the call context (tracing: a registry, a tracer, an exporter) is created with the
     * task, before the worker is ready, and counts among the task's beans: its lifecycle beans start,
     * so that the worker's spans are exported.
     */
    private static void taskDependsOnCallContext(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBeanDefinition(WorkerModeContext.TASK_BEAN_NAME)) {
            return;
        }
        String[] contexts = beanFactory.getBeanNamesForType(CallContext.class, true, false);
        if (contexts.length > 0) {
            BeanDefinition task = beanFactory.getBeanDefinition(WorkerModeContext.TASK_BEAN_NAME);
            task.setDependsOn(contexts);
        }
    }

    private static boolean servesIsolatedMethod() {
        return IsolatedMethodTask.class.getName().equals(Tarnish.workerTaskClassName());
    }

    /**
     * In a worker of an isolated method, its task is a bean that holds the method's bean: that bean,
     * and what it depends on, is then the task's, created with it, eagerly.
     */
    private static void registerServedMethod(BeanDefinitionRegistry registry, List<IsolatedMethod> methods) {
        String served = Tarnish.workerTaskName();
        IsolatedMethod method = methods.stream()
            .filter((candidate) -> candidate.taskName().equals(served))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("This worker serves the @Isolated method task '" + served
                    + "', but the application has no such method in a worker (a bean missing under the '"
                    + TarnishTask.WORKER_PROFILE + "' profile?); its isolated methods: "
                    + methods.stream().map(IsolatedMethod::taskName).toList()));
        RootBeanDefinition definition = new RootBeanDefinition(IsolatedMethodTask.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0,
                new RuntimeBeanReference(method.beanName()));
        definition.getConstructorArgumentValues().addIndexedArgumentValue(1, method);
        definition.setLazyInit(false);
        registry.registerBeanDefinition(WorkerModeContext.TASK_BEAN_NAME, definition);
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

    /**
     * The definition of a task's process bean.
     * @param instance how to make an instance of the task in this JVM, used in the in-process mode only
     */
    private RootBeanDefinition processDefinition(ResolvableType type, Class<?> taskClass, String name,
            TaskSettings settings, Function<ConfigurableListableBeanFactory, Object> instance) {
        boolean inProcess = this.inProcess;
        RootBeanDefinition definition = new RootBeanDefinition(SupervisedProcess.class);
        definition.setTargetType(type);
        definition.setInstanceSupplier(InstanceSupplier.of((registeredBean) -> {
            ConfigurableListableBeanFactory beanFactory = registeredBean.getBeanFactory();
            return TaskProcesses.create(beanFactory, taskClass, name, settings,
                    inProcess ? () -> instance.apply(beanFactory) : null);
        }));
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
