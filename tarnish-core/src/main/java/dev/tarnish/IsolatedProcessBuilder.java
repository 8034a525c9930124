package dev.tarnish;

import java.beans.Introspector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.tarnish.internal.protocol.WorkerEnvironment;
import dev.tarnish.internal.supervise.InProcessPool;
import dev.tarnish.internal.supervise.InsideWorkerProcess;
import dev.tarnish.internal.supervise.PoolHooks;
import dev.tarnish.internal.supervise.WorkerPool;

/**
 * Builds the {@link IsolatedProcess} of a task class without Spring. Obtain one from
 * {@link Tarnish#process(Class)}. Not thread-safe; may be used to build several processes.
 *
 * <pre>{@code
 * try (IsolatedProcess<PdfRender> pdf = Tarnish.process(PdfRender.class)
 *         .settings(TaskSettings.builder().workers(2).callTimeout(Duration.ofSeconds(10)).build())
 *         .build()) {
 *     byte[] document = pdf.call(request);
 * }
 * }</pre>
 *
 * @param <T> the task type
 */
public final class IsolatedProcessBuilder<T extends Task<?, ?>> {

    private final Class<T> taskClass;

    private String name;

    private TaskSettings settings = TaskSettings.defaults();

    private WorkerLaunch launch;

    private final List<TarnishListener> listeners = new ArrayList<>();

    private final List<WorkerLaunchCustomizer> customizers = new ArrayList<>();

    private WorkerOutput output;

    private CallContext callContext = CallContext.none();

    private boolean startLater;

    IsolatedProcessBuilder(Class<T> taskClass) {
        this.taskClass = Objects.requireNonNull(taskClass, "taskClass");
        this.name = Introspector.decapitalize(taskClass.getSimpleName());
    }

    /**
     * Sets the task's name, used in exceptions, logs and metrics; defaults to the class's simple
     * name with a lower-case first letter.
     * @param name a non-empty name
     * @return this builder
     */
    public IsolatedProcessBuilder<T> name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Task name must not be empty");
        }
        this.name = name;
        return this;
    }

    /**
     * Sets how the workers are run and supervised; defaults to {@link TaskSettings#defaults()}.
     * @param settings the settings
     * @return this builder
     */
    public IsolatedProcessBuilder<T> settings(TaskSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Sets how a worker JVM is started. Defaults to {@link WorkerLaunch#currentApplication()} when the
     * application's main went through {@link Tarnish#main}, else {@link WorkerLaunch#libraryWorker()}.
     * @param launch the launch
     * @return this builder
     */
    public IsolatedProcessBuilder<T> launch(WorkerLaunch launch) {
        this.launch = Objects.requireNonNull(launch, "launch");
        return this;
    }

    /**
     * Adds a listener for the pool's events from the start, so it sees the first workers start.
     * @param listener the listener
     * @return this builder
     */
    public IsolatedProcessBuilder<T> listener(TarnishListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Adds a customizer that changes each worker's command, environment or working folder just
     * before it starts; customizers run in the order they were added.
     * @param customizer the customizer
     * @return this builder
     */
    public IsolatedProcessBuilder<T> customizer(WorkerLaunchCustomizer customizer) {
        this.customizers.add(Objects.requireNonNull(customizer, "customizer"));
        return this;
    }

    /**
     * Makes the process start its first workers only when {@link SupervisedProcess#startWorkers()} is
     * called or at its first call, whichever comes first, instead of at once: so that an application's
     * own start-up does not share the CPU with its workers' (the Spring Boot starter starts them once
     * the context is refreshed). A call made before then waits for a worker, as every first call does.
     * @return this builder
     */
    public IsolatedProcessBuilder<T> startLater() {
        this.startLater = true;
        return this;
    }

    /**
     * Sets what carries each caller's context (its trace) into the workers and watches each call;
     * defaults to {@link CallContext#none()}. An in-process build enters the context around the task's
     * run as a worker would.
     * @param callContext the call context
     * @return this builder
     */
    public IsolatedProcessBuilder<T> callContext(CallContext callContext) {
        this.callContext = Objects.requireNonNull(callContext, "callContext");
        return this;
    }

    /**
     * Sets where the lines that the workers print on their standard output and error go; defaults to
     * {@link WorkerOutput#systemLogger()}. Crash reports keep the last lines whatever the output.
     * @param output the output
     * @return this builder
     */
    public IsolatedProcessBuilder<T> output(WorkerOutput output) {
        this.output = Objects.requireNonNull(output, "output");
        return this;
    }

    /**
     * Builds the process and starts its workers in the background. Inside a worker process the
     * result starts nothing and rejects every call: workers never start workers.
     * @return the process
     * @throws IllegalArgumentException if the task's input and output types cannot be resolved
     */
    public SupervisedProcess<T> build() {
        if (WorkerEnvironment.isWorkerProcess()) {
            return new InsideWorkerProcess<>(this.name);
        }
        WorkerLaunch launch = (this.launch != null) ? this.launch
                : Tarnish.mainHandedOver() ? WorkerLaunch.currentApplication() : WorkerLaunch.libraryWorker();
        WorkerOutput output = (this.output != null) ? this.output : WorkerOutput.systemLogger();
        return new WorkerPool<>(this.name, this.taskClass, this.settings, launch,
                new PoolHooks(this.listeners, this.customizers, output, this.callContext, this.startLater));
    }

    /**
     * Builds a process that runs the task <strong>in this JVM, without isolation</strong>: for fast
     * tests of code that uses the task, never for production. Each call still goes through the
     * encoding a worker's would (the input is checked, encoded and decoded into a new value for the
     * task; the output likewise), so a type that cannot cross the process boundary fails here too, and
     * whatever the task throws reaches the caller as a {@link TaskFailedException}, as from a worker.
     *
     * <p>Up to {@code workers} task instances are made by {@code taskFactory} on first use; each serves
     * one call at a time, and callers wait for one up to the acquire timeout. Listeners hear of calls
     * as from a worker pool. What one JVM cannot do is not done: a crash, {@code System.exit} or an
     * {@link OutOfMemoryError} in the task ends this JVM; call timeouts are not enforced; cancelling an
     * asynchronous call does not stop it. The launch and customizers set on this builder are unused.
     *
     * @param taskFactory makes a task instance, such as {@code PdfRender::new}
     * @return the process
     * @throws IllegalArgumentException if the task's input and output types cannot be resolved
     */
    public SupervisedProcess<T> buildInProcess(Supplier<? extends T> taskFactory) {
        return new InProcessPool<>(this.name, this.taskClass, this.settings, taskFactory, this.listeners,
                this.callContext);
    }
}
