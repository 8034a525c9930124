package dev.tarnish.bench.harness;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.Task;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerState;
import dev.tarnish.bench.peer.BareChannel;
import dev.tarnish.bench.peer.PerCallMain;
import dev.tarnish.bench.peer.RmiPeer;
import dev.tarnish.bench.tasks.EchoCall;
import dyorgio.runtime.out.process.OutProcessExecutorService;
import net.viktorc.pp4j.api.JavaProcessExecutorService;
import net.viktorc.pp4j.impl.ProcessExecutors;

/**
 * The contestants of the round-trip figures: tarnish and each of its baselines.
 */
public final class Contestants {

    private Contestants() {
    }

    /**
     * Starts a tarnish process and waits until all its workers are idle.
     * @param taskClass the task
     * @param workers the pool size
     * @param name the task's name
     * @return the process
     */
    public static SupervisedProcess<?> startTarnish(Class<? extends Task<?, ?>> taskClass, int workers, String name) {
        return startTarnish(taskClass, TaskSettings.builder().workers(workers).build(), name);
    }

    /**
     * Starts a tarnish process and waits until all its workers, standby ones included, are idle.
     * @param taskClass the task
     * @param settings the task's settings
     * @param name the task's name
     * @return the process
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static SupervisedProcess<?> startTarnish(Class<? extends Task<?, ?>> taskClass, TaskSettings settings,
            String name) {
        SupervisedProcess<?> process = Tarnish.process((Class) taskClass).name(name).settings(settings).build();
        int workers = settings.workers() + settings.standby();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (process.status().countWorkers(WorkerState.IDLE) < workers) {
            if (System.nanoTime() > deadline) {
                process.close();
                throw new IllegalStateException("Workers not ready within 60 s: " + process.status());
            }
            sleep(5);
        }
        return process;
    }

    /** (a) The task called in this JVM. */
    @SuppressWarnings("unchecked")
    public static Contestant inProcess(String name, int threads, Class<? extends Task<?, ?>> taskClass, Object input)
            throws ReflectiveOperationException {
        Task<Object, Object> task = (Task<Object, Object>) taskClass.getDeclaredConstructor().newInstance();
        return new Simple(name, threads, (t) -> task.run(input), () -> { });
    }

    /** tarnish with as many workers as threads. */
    public static Contestant tarnish(String name, int threads, Class<? extends Task<?, ?>> taskClass, Object input) {
        SupervisedProcess<?> process = startTarnish(taskClass, threads, "bench-" + name.replaceAll("[^a-z0-9]", ""));
        return new Simple(name, threads, (t) -> process.call(input), process::close);
    }

    /** (b) Bare ping-pong of the same bytes with an echo peer, one peer per thread. */
    public static Contestant bare(String name, int threads, String kind, byte[] wire) throws IOException {
        List<BareChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                channels.add(BareChannel.open(kind, wire));
            }
        }
        catch (IOException ex) {
            channels.forEach(BareChannel::close);
            throw ex;
        }
        return new Simple(name, threads, (t) -> channels.get(t).roundTrip(),
                () -> channels.forEach(BareChannel::close));
    }

    /** (c) Java RMI to a child JVM. */
    public static Contestant rmi(String name, Object input) throws IOException {
        RmiPeer.Connection connection = RmiPeer.connect();
        return new Simple(name, 1, (t) -> connection.echo().echo(input), connection::close);
    }

    /** (d) A JVM started per call. */
    public static Contestant jvmPerCall(String name, Object input) {
        return new Simple(name, 1, (t) -> PerCallMain.call(input), () -> { }) {
            @Override
            public int maxCallsPerSlice() {
                return 1;
            }
        };
    }

    /** (e) pp4j's JavaProcessPoolExecutor with one process. */
    public static Contestant pp4j(String name, Object input) throws InterruptedException {
        JavaProcessExecutorService executor = ProcessExecutors.newFixedJavaProcessPool(1);
        return new Simple(name, 1, (t) -> executor.submit(new EchoCall((Serializable) input)).get(),
                () -> shutdown(executor));
    }

    /** (e) out-process's OutProcessExecutorService (one child JVM). */
    public static Contestant outProcess(String name, Object input) throws Exception {
        OutProcessExecutorService executor = new OutProcessExecutorService();
        return new Simple(name, 1, (t) -> executor.submit(new EchoCall((Serializable) input)).get(),
                () -> shutdown(executor));
    }

    static void shutdown(java.util.concurrent.ExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A call that may throw. */
    @FunctionalInterface
    interface Call {

        Object call(int thread) throws Exception;
    }

    private static class Simple implements Contestant {

        private final String name;

        private final int threads;

        private final Call call;

        private final Runnable close;

        Simple(String name, int threads, Call call, Runnable close) {
            this.name = name;
            this.threads = threads;
            this.call = call;
            this.close = close;
        }

        @Override
        public String name() {
            return this.name;
        }

        @Override
        public int threads() {
            return this.threads;
        }

        @Override
        public Object call(int thread) throws Exception {
            return this.call.call(thread);
        }

        @Override
        public void close() {
            this.close.run();
        }
    }
}
