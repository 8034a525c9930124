package dev.tarnish.internal.worker;

import java.io.IOException;

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

    private WorkerRuntime() {
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
        PayloadCodec codec = PayloadCodec.forTask(taskClass);
        // Before ready: the first call, or the first after a crash when this is a standby, is not slower.
        codec.warmUp();
        try (FrameChannel channel = WorkerConnection.ready(environment)) {
            new WorkerLoop(channel, task, codec, environment.taskName(), context).run();
        }
        catch (IOException ex) {
            System.err.println("tarnish worker: channel to the caller lost: " + ex);
            Runtime.getRuntime().halt(WorkerExitCodes.CHANNEL_LOST);
        }
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
