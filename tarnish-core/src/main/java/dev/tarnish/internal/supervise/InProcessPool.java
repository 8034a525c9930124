package dev.tarnish.internal.supervise;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.tarnish.CallContext;
import dev.tarnish.CallOutcome;
import dev.tarnish.RemoteFailure;
import dev.tarnish.SupervisedProcess;
import dev.tarnish.Task;
import dev.tarnish.TarnishException;
import dev.tarnish.TarnishListener;
import dev.tarnish.TaskFailedException;
import dev.tarnish.TaskSettings;
import dev.tarnish.TaskState;
import dev.tarnish.TaskStatus;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerStatus;
import dev.tarnish.WorkerUnavailableException;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.PayloadCodec;
import dev.tarnish.internal.protocol.ProtocolException;
import dev.tarnish.internal.protocol.RemoteErrors;
import tools.jackson.core.JacksonException;

/**
 * A task run in the calling JVM, for tests of code that uses it: <strong>no isolation</strong>. Each
 * call still makes the round trip a worker's would, so that what fails across the boundary fails
 * here too: the input is checked and encoded, decoded into a fresh value for the task, the output
 * encoded and decoded, and whatever the task throws becomes a {@link TaskFailedException} built from
 * its encoded form. Calls are counted, and listeners told, as a worker pool's are.
 *
 * <p>{@code workers} task instances, made on first use by the factory, serve one call at a time
 * each, so a task need not be thread-safe here either. What cannot be had in one JVM is not: a crash
 * ends the JVM, a call timeout is not enforced (nothing can be killed), cancelling an asynchronous
 * call does not stop it. Thread-safe.
 *
 * @param <T> the task type
 */
public final class InProcessPool<T extends Task<?, ?>> implements SupervisedProcess<T> {

    private static final long PID = ProcessHandle.current().pid();

    private final String name;

    private final TaskSettings settings;

    private final PayloadCodec codec;

    private final Supplier<? extends T> factory;

    private final PoolEvents events;

    private final Refusals refusals;

    private final List<Instance> instances = new ArrayList<>();

    private final BlockingQueue<Instance> free = new LinkedBlockingQueue<>();

    /** Raised by {@link #restart()}: an instance of an older generation is made anew before its next call. */
    private final AtomicInteger generation = new AtomicInteger();

    private final ExecutorService callThreads;

    private final GuardedCallContext context;

    private volatile boolean closed;

    /**
     * Creates the pool; no task instance exists until the first call.
     * @param name the task's name
     * @param taskClass the task class, whose signature fixes the types
     * @param settings the settings; {@code workers}, {@code acquireTimeout} and {@code maxFrameSize} apply
     * @param factory makes a task instance
     * @param listeners listeners to add at once
     * @param context watches each call and is entered around the task's run, as in a worker
     */
    public InProcessPool(String name, Class<T> taskClass, TaskSettings settings, Supplier<? extends T> factory,
            List<TarnishListener> listeners, CallContext context) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.codec = PayloadCodec.forTask(taskClass);
        this.factory = Objects.requireNonNull(factory, "factory");
        this.events = new PoolEvents(name);
        listeners.forEach(this.events::add);
        this.refusals = new Refusals(name);
        this.context = GuardedCallContext.of(context);
        for (int i = 0; i < settings.workers(); i++) {
            Instance instance = new Instance();
            this.instances.add(instance);
            this.free.add(instance);
        }
        this.callThreads = Threads.elastic("tarnish-" + name + "-call");
    }

    @Override
    public <O> O call(Object input) {
        Frame call = CallPath.encode(this.name, this.settings, this.codec, input);
        return run(call, this.context.begin(this.name));
    }

    /** The timeout is not enforced: nothing in this JVM can stop a task that does not return. */
    @Override
    public <O> O call(Object input, Duration timeout) {
        CallPath.requirePositive(timeout);
        return call(input);
    }

    @Override
    public <O> CompletableFuture<O> callAsync(Object input) {
        Frame call = CallPath.encode(this.name, this.settings, this.codec, input);
        // The caller may reuse its array once this returns, as with a worker pool.
        Frame own = call.byteString() ? new Frame(call.type(), call.payload().clone(), true) : call;
        CompletableFuture<O> future = new CompletableFuture<>();
        CallContext.CallScope scope = this.context.begin(this.name);
        try {
            this.callThreads.execute(() -> {
                try {
                    future.complete(run(own, scope));
                }
                catch (Throwable ex) {
                    future.completeExceptionally(ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            this.events.callCompleted(CallOutcome.REJECTED, System.nanoTime());
            WorkerUnavailableException refusal = this.refusals.closed(ex);
            scope.end(CallOutcome.REJECTED, refusal);
            future.completeExceptionally(refusal);
        }
        return future;
    }

    private <O> O run(Frame call, CallContext.CallScope scope) {
        long start = System.nanoTime();
        Instance instance;
        try {
            instance = acquire();
        }
        catch (TarnishException ex) {
            ended(CallOutcome.REJECTED, ex, start, scope);
            throw ex;
        }
        try {
            O output = instance.serve(call, scope.headers());
            ended(CallOutcome.SUCCESS, null, start, scope);
            return output;
        }
        catch (TarnishException ex) {
            ended(CallOutcome.FAILURE, ex, start, scope);
            throw ex;
        }
        catch (RuntimeException | Error ex) {
            // The task's factory failed (a bean that cannot be created): what a worker's start-up failure is.
            TarnishException failure = new TarnishException(this.name, PID, "Task '" + this.name
                    + "' cannot be created in process: " + ex, ex);
            ended(CallOutcome.FAILURE, failure, start, scope);
            throw failure;
        }
        finally {
            this.free.add(instance);
        }
    }

    private void ended(CallOutcome outcome, Throwable failure, long start, CallContext.CallScope scope) {
        this.events.callCompleted(outcome, start);
        scope.end(outcome, failure);
    }

    private Instance acquire() {
        if (this.closed) {
            throw this.refusals.closed(null);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw this.refusals.alreadyInterrupted();
        }
        try {
            Instance instance = this.free.poll(this.settings.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
            if (instance == null) {
                throw this.refusals.waitedTooLong(this.settings.acquireTimeout(), "every task instance is busy",
                        null);
            }
            return instance;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw this.refusals.interruptedWhileWaiting(ex);
        }
    }

    @Override
    public String name() {
        return this.name;
    }

    /** Makes every task instance anew before its next call; forgets nothing else (there is no quarantine). */
    @Override
    public void restart() {
        this.generation.incrementAndGet();
    }

    @Override
    public TaskStatus status() {
        List<WorkerStatus> workers = new ArrayList<>();
        for (Instance instance : this.instances) {
            WorkerStatus status = instance.status();
            if (status != null) {
                workers.add(status);
            }
        }
        return this.events.status(this.closed ? TaskState.CLOSED : TaskState.RUNNING, workers, 0);
    }

    @Override
    public void addListener(TarnishListener listener) {
        this.events.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(TarnishListener listener) {
        this.events.remove(listener);
    }

    /** Refuses later calls; calls under way finish. */
    @Override
    public void close() {
        this.closed = true;
        this.callThreads.shutdown();
    }

    /** One task instance and what the status shows of it. */
    private final class Instance {

        private Task<Object, Object> task;

        private int taskGeneration;

        private volatile Instant createdAt;

        private volatile long calls;

        private volatile boolean busy;

        @SuppressWarnings("unchecked")
        <O> O serve(Frame call, Map<String, String> headers) {
            this.busy = true;
            try {
                int current = InProcessPool.this.generation.get();
                if (this.task == null || this.taskGeneration != current) {
                    long start = System.nanoTime();
                    boolean replacement = this.task != null;
                    this.task = (Task<Object, Object>) Objects.requireNonNull(InProcessPool.this.factory.get(),
                            "task factory returned null");
                    this.taskGeneration = current;
                    this.createdAt = Instant.now();
                    InProcessPool.this.events.workerStarted(PID, Duration.ofNanos(System.nanoTime() - start),
                            replacement);
                }
                this.calls++;
                return (O) roundTrip(call, headers);
            }
            finally {
                this.busy = false;
            }
        }

        /** What a worker's loop does with a call, and what the caller's side does with the reply. */
        private Object roundTrip(Frame call, Map<String, String> headers) {
            PayloadCodec codec = InProcessPool.this.codec;
            Frame reply;
            CallContext.Scope scope = InProcessPool.this.context.enter(InProcessPool.this.name, headers);
            try {
                // A byte[] input is the caller's own array: the task gets a copy, as from a worker.
                Frame received = call.byteString() ? new Frame(call.type(), call.payload().clone(), true) : call;
                reply = codec.encodeResult(this.task.run(codec.decodeCall(received)));
                if (reply.bodyLength() > InProcessPool.this.settings.maxFrameSize()) {
                    throw new IllegalStateException("The output encodes to " + reply.bodyLength()
                            + " bytes, more than the maximum message size of "
                            + InProcessPool.this.settings.maxFrameSize());
                }
            }
            catch (Throwable ex) {
                scope.error(ex);
                throw failed(ex);
            }
            finally {
                scope.close();
            }
            try {
                Object output = codec.decodeResult(reply);
                return (output instanceof byte[] bytes && reply.byteString()) ? bytes.clone() : output;
            }
            catch (JacksonException ex) {
                throw CallPath.undecodableOutput(InProcessPool.this.name, PID, codec, ex);
            }
        }

        private TaskFailedException failed(Throwable thrown) {
            RemoteFailure remote;
            try {
                remote = RemoteErrors.decode(RemoteErrors.encode(thrown));
            }
            catch (ProtocolException ex) {
                throw new IllegalStateException("Cannot encode what task '" + InProcessPool.this.name + "' threw", ex);
            }
            return new TaskFailedException(InProcessPool.this.name, PID, remote);
        }

        WorkerStatus status() {
            if (this.createdAt == null) {
                return null;
            }
            return new WorkerStatus(PID, this.busy ? WorkerState.BUSY : WorkerState.IDLE, this.calls, this.createdAt);
        }
    }
}
