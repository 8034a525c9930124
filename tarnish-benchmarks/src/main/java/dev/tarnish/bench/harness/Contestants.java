package dev.tarnish.bench.harness;

import java.io.IOException;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.Task;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.WorkerState;
import dev.tarnish.bench.peer.BareChannel;
import dev.tarnish.bench.peer.Jvm;
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
        awaitIdle(process, settings.workers() + settings.standby());
        return process;
    }

    private static void awaitIdle(SupervisedProcess<?> process, int workers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (process.status().countWorkers(WorkerState.IDLE) < workers) {
            if (System.nanoTime() > deadline) {
                process.close();
                throw new IllegalStateException("Workers not ready within 120 s: " + process.status());
            }
            sleep(5);
        }
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

    /**
     * A Spring worker of a packaged application, as its own application starts it: {@code java
     * <worker options> -jar <jar>} with the task's name in {@code TARNISH_WORKER}, so the worker is
     * the application in worker mode (its context with the task bean, from the jar's own tarnish). The
     * harness is the caller: the task class comes from the jar's {@code BOOT-INF/classes}, for its
     * declared types only; it is never instantiated here.
     * @param name the name shown in the report
     * @param jar the packaged application
     * @param taskName the task's name in the application
     * @param taskClassName the task class
     * @param input the input of every call
     * @return the contestant, its worker started and idle
     * @throws IOException if the jar cannot be read
     * @throws ClassNotFoundException if the task class is not in it
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static Contestant springWorker(String name, Path jar, String taskName, String taskClassName, Object input)
            throws IOException, ClassNotFoundException {
        URL classes = new URL("jar:" + jar.toUri() + "!/BOOT-INF/classes/");
        URLClassLoader loader = new URLClassLoader(new URL[] { classes }, Contestants.class.getClassLoader());
        Class<? extends Task<?, ?>> taskClass = (Class<? extends Task<?, ?>>) Class.forName(taskClassName, false, loader);
        WorkerLaunch launch = (options) -> {
            List<String> command = new ArrayList<>();
            command.add(Jvm.java());
            command.addAll(options);
            command.addAll(List.of("-jar", jar.toString()));
            return command;
        };
        SupervisedProcess<?> process = Tarnish.process((Class) taskClass).name(taskName).launch(launch)
            .settings(TaskSettings.builder().startupTimeout(Duration.ofSeconds(120)).build())
            .build();
        try {
            awaitIdle(process, 1);
        }
        catch (RuntimeException ex) {
            loader.close();
            throw ex;
        }
        return new Simple(name, 1, (t) -> ((SupervisedProcess) process).call(input), () -> {
            process.close();
            try {
                loader.close();
            }
            catch (IOException ex) {
                // Only the jar's handle: nothing to do.
            }
        });
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
