package dev.tarnish.internal.worker;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import dev.tarnish.CallContext;
import dev.tarnish.Task;
import dev.tarnish.internal.protocol.FrameChannel;
import dev.tarnish.internal.protocol.PayloadCodec;
import dev.tarnish.internal.protocol.WorkerEnvironment;

/**
 * What a worker process does once its task exists: connect to the caller and serve calls until told
 * to stop. Used by {@link WorkerMain} and by framework integrations that create the task themselves.
 */
public final class WorkerRuntime {

    /** The codec that {@link #prepare} builds ahead of {@link #serve}, once it was called. */
    private static final AtomicReference<CompletableFuture<PayloadCodec>> prepared = new AtomicReference<>();

    private WorkerRuntime() {
    }

    /**
     * Starts building the codec of the task named in this worker's environment, and warming it up,
     * on a thread of its own, so that {@link #serve} finds it ready: a framework's worker calls it
     * as its start-up begins, and the codec's tens of milliseconds go by while the framework starts
     * on the main thread. The task class is loaded, not initialized. Does nothing outside a worker
     * and after the first call; if the preparation fails, or {@code serve} gets another class,
     * {@code serve} builds its codec itself, as without it.
     * @param loader the class loader of the task class
     */
    public static void prepare(ClassLoader loader) {
        prepare(System.getenv(WorkerEnvironment.TASK_CLASS), loader);
    }

    static void prepare(String taskClassName, ClassLoader loader) {
        CompletableFuture<PayloadCodec> codec = new CompletableFuture<>();
        if (taskClassName == null || taskClassName.isEmpty() || !prepared.compareAndSet(null, codec)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                codec.complete(warmCodec(Class.forName(taskClassName, false, loader)));
            }
            catch (Throwable ex) {
                // serve() builds the codec again and fails there, where a failure is reported.
                codec.completeExceptionally(ex);
            }
        }, "tarnish-worker-codec");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reports the worker ready and serves calls until the caller asks it to stop. When the channel
     * breaks the JVM is halted, since the caller has given up on this worker.
     * @param task the task instance
     * @param taskClass the class whose generic signature declares the task's types
     * @param context enters each call's caller context around the task's run
     */
    public static void serve(Task<?, ?> task, Class<?> taskClass, CallContext context) {
        ParentWatch.start();
        WorkerEnvironment environment = WorkerEnvironment.from(System.getenv());
        PayloadCodec codec = codecFor(taskClass);
        try (FrameChannel channel = WorkerConnection.ready(environment)) {
            new WorkerLoop(channel, task, codec, environment.taskName(), context).run();
        }
        catch (IOException ex) {
            System.err.println("tarnish worker: channel to the caller lost: " + ex);
            Runtime.getRuntime().halt(WorkerExitCodes.CHANNEL_LOST);
        }
    }

    static PayloadCodec codecFor(Class<?> taskClass) {
        CompletableFuture<PayloadCodec> ahead = prepared.get();
        if (ahead != null) {
            try {
                PayloadCodec codec = ahead.join();
                if (codec.types().taskClass() == taskClass) {
                    return codec;
                }
            }
            catch (CompletionException ex) {
                // Built again below, where its failure is the worker's start-up failure.
            }
        }
        return warmCodec(taskClass);
    }

    private static PayloadCodec warmCodec(Class<?> taskClass) {
        PayloadCodec codec = PayloadCodec.forTask(taskClass);
        // Before ready: the first call, or the first after a crash when this is a standby, is not slower.
        codec.warmUp();
        return codec;
    }

    /** Forgets what {@link #prepare} built, for tests. */
    static void forgetPrepared() {
        prepared.set(null);
    }

    /**
     * Tells the caller that the task could not be created. The caller shows {@code error} in the
     * start-up failure it reports; the worker should exit afterwards.
     * @param error why the task could not be created
     */
    public static void reportStartupFailure(Throwable error) {
        try {
            WorkerConnection.failed(WorkerEnvironment.from(System.getenv()), error);
        }
        catch (IOException | RuntimeException ex) {
            // The caller will see the exit status and stderr instead.
            System.err.println("tarnish worker: could not report the start-up failure: " + ex);
        }
    }
}
