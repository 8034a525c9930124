package dev.tarnish.tasks;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.TaskSettings;
import dev.tarnish.TaskTimeoutException;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.WorkerState;
import dev.tarnish.WorkerUnavailableException;

/**
 * A parent process for {@code VirtualThreadTests}, run on a JDK 21 or later: callers on virtual
 * threads take every way a call can go (served at once, waiting for a worker, with a timeout that
 * kills the worker, asynchronous, cancelled while waiting and while running, crashed, refused after
 * the acquire timeout) under a JFR recording of {@code jdk.VirtualThreadPinned}. It prints the
 * outcomes and every pinned event with its stack, and exits 0 if no caller pinned its carrier, 1 if
 * one did, 2 if the check itself did not work (the calls did not go every way, the callers were not
 * virtual, the recording missed the class-initializer canary of {@link PinningRecording}), 3 on a
 * JDK without virtual threads. Whether monitors pin on this JVM, it reports as the monitor canary.
 *
 * <p>Compiled for Java 17 like the rest of the tests: virtual threads are reached by reflection.
 */
public final class VirtualThreadCallers {

    /** Callers that wait for the two workers of the main pool, served one after the other. */
    private static final int WAITING_CALLERS = 120;

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    private final ExecutorService callers;

    private final List<Future<?>> calls = new ArrayList<>();

    private VirtualThreadCallers(ExecutorService callers) {
        this.callers = callers;
    }

    /**
     * Initializes, before the recording, the JDK classes a waiting call uses for the first time (the
     * timed wait's {@code CompletableFuture.Signaller}): a class's initialization holds its init lock,
     * which no virtual thread can be unmounted from, so the first callers to meet an uninitialized JDK
     * class at once pin on it, once per JVM; in an application that has run for a moment they are long
     * initialized. Not tarnish's classes: the recording still sees any of those.
     */
    private static void initializeJdkClasses() throws Exception {
        try {
            new java.util.concurrent.CompletableFuture<Void>().get(1, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.TimeoutException expected) {
            // The wait was the point.
        }
    }

    /**
     * Makes, before the recording, one call of each kind the callers below make at once, from this
     * platform thread: loading a class holds its loader's lock, which no virtual thread can be
     * unmounted from, so two callers that meet a class of the call path for the first time at the same
     * moment (two refusals, say) pin on that lock, once per JVM, whatever the call path does. What the
     * recording must see is what the call path does once its classes are loaded.
     */
    private static void loadCallPathClasses(SupervisedProcess<CrashingTask> pool,
            SupervisedProcess<CrashingTask> waitless) throws Exception {
        pool.call("echo:warm");
        pool.call("echo:warm", Duration.ofSeconds(30));
        pool.<String>callAsync("echo:warm").join();
        java.util.concurrent.CompletableFuture<String> held = waitless.callAsync("sleep:1500");
        awaitWorkers(waitless, WorkerState.BUSY, 1);
        try {
            waitless.call("echo:refused");
        }
        catch (dev.tarnish.WorkerUnavailableException expected) {
            // The refusal was the point.
        }
        held.join();
        awaitWorkers(waitless, WorkerState.IDLE, 1);
    }

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 21) {
            System.out.println("NOT APPLICABLE: Java " + Runtime.version() + " has no virtual threads");
            System.exit(3);
        }
        Path recordingFile = Path.of(args[0]);
        ExecutorService callers = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
            .invoke(null);
        VirtualThreadCallers check = new VirtualThreadCallers(callers);
        PinningRecording recording = new PinningRecording();
        TaskSettings.Builder settings = TaskSettings.builder().jvmArgs(List.of("-Xmx64m"))
            .shutdownTimeout(Duration.ofSeconds(2)).classDataSharing(false);
        SupervisedProcess<CrashingTask> pool = Tarnish.process(CrashingTask.class).name("vthreads")
            .settings(settings.workers(2).build()).build();
        SupervisedProcess<CrashingTask> waitless = Tarnish.process(CrashingTask.class).name("vthreads-acquire")
            .settings(settings.workers(1).acquireTimeout(Duration.ofMillis(300)).build()).build();
        PinningRecording.Events events;
        boolean virtual;
        try {
            awaitWorkers(pool, WorkerState.IDLE, 2);
            awaitWorkers(waitless, WorkerState.IDLE, 1);
            startPoller();
            initializeJdkClasses();
            loadCallPathClasses(pool, waitless);
            recording.start();
            virtual = check.onCaller(VirtualThreadCallers::isVirtual);
            check.onCaller(PinningRecording::pinInClassInitializer);
            check.onCaller(PinningRecording::blockInMonitor);
            check.callsThatWait(pool);
            check.callsRefusedAfterTheAcquireTimeout(waitless);
            events = recording.stop(recordingFile);
        }
        finally {
            callers.shutdown();
            pool.close();
            waitless.close();
        }
        System.out.println("CALLERS " + (virtual ? "virtual" : "NOT virtual"));
        System.out.println("OUTCOMES " + new TreeMap<>(check.outcomes));
        System.out.println("CANARY class-initializer " + events.classInitializer().size());
        System.out.println("CANARY monitor " + events.monitor().size());
        System.out.println("JDK PINNED " + events.jdk().size());
        System.out.println("PINNED " + events.callers().size());
        events.print(System.out);
        System.out.flush();
        boolean checkWorked = virtual && !events.classInitializer().isEmpty() && check.wentEveryWay();
        System.exit(!events.callers().isEmpty() ? 1 : checkWorked ? 0 : 2);
    }

    /** Both workers held, then many callers that wait for them, with a timeout, a crash and cancels. */
    private void callsThatWait(SupervisedProcess<CrashingTask> pool) throws Exception {
        CompletableFuture<String> hang = onCaller(() -> pool.<String>callAsync("native-hang"));
        awaitWorkers(pool, WorkerState.BUSY, 1);
        // Killed by the watchdog while its caller is blocked reading the reply.
        Future<?> timed = submit(() -> pool.call("native-hang", Duration.ofSeconds(2)));
        // Both busy; or, on a machine too slow to see that, already timed out, with the replacement starting.
        await().atMost(Duration.ofSeconds(60))
            .until(() -> pool.status().countWorkers(WorkerState.BUSY) == 2 || timed.isDone());
        for (int i = 0; i < WAITING_CALLERS; i++) {
            String input = "echo:" + i;
            switch (i % 3) {
                case 0 -> submit(() -> pool.call(input));
                case 1 -> submit(() -> pool.call(input, Duration.ofSeconds(60)));
                default -> submit(() -> pool.callAsync(input).join());
            }
        }
        submit(() -> {
            CompletableFuture<String> waiting = pool.callAsync("echo:cancelled");
            waiting.cancel(false);
            waiting.join();
        });
        submit(() -> pool.call("exit:3"));
        awaitCalls();
        // The one still running: cancel(true) kills its worker, from a virtual thread.
        onCaller(() -> hang.cancel(true));
        record(() -> hang.join());
    }

    /** The only worker held: a synchronous and an asynchronous call wait out the acquire timeout. */
    private void callsRefusedAfterTheAcquireTimeout(SupervisedProcess<CrashingTask> waitless) throws Exception {
        CompletableFuture<String> held = onCaller(() -> waitless.<String>callAsync("native-hang"));
        awaitWorkers(waitless, WorkerState.BUSY, 1);
        submit(() -> waitless.call("echo:late"));
        submit(() -> waitless.callAsync("echo:late").join());
        awaitCalls();
        onCaller(() -> held.cancel(true));
        record(() -> held.join());
    }

    private boolean wentEveryWay() {
        return count("success") >= WAITING_CALLERS && count("timeout") >= 1 && count("crash") >= 1
                && count("cancelled") >= 3 && count("unavailable") >= 2 && count("unexpected") == 0;
    }

    private long count(String outcome) {
        LongAdder adder = this.outcomes.get(outcome);
        return (adder != null) ? adder.sum() : 0;
    }

    private Future<?> submit(Call call) {
        Future<?> future = this.callers.submit(() -> record(call));
        this.calls.add(future);
        return future;
    }

    private void awaitCalls() throws InterruptedException, ExecutionException {
        for (Future<?> call : this.calls) {
            call.get();
        }
        this.calls.clear();
    }

    /** Runs something on a virtual thread and waits for its result. */
    private <R> R onCaller(java.util.concurrent.Callable<R> action) throws Exception {
        return this.callers.submit(action).get(60, TimeUnit.SECONDS);
    }

    private void record(Call call) {
        String outcome;
        try {
            call.run();
            outcome = "success";
        }
        catch (RuntimeException ex) {
            Throwable failure = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
            outcome = outcomeOf(failure);
            if (outcome.equals("unexpected")) {
                failure.printStackTrace(System.out);
            }
        }
        this.outcomes.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof TaskTimeoutException) {
            return "timeout";
        }
        if (failure instanceof WorkerCrashedException) {
            return "crash";
        }
        if (failure instanceof CancellationException) {
            return "cancelled";
        }
        if (failure instanceof WorkerUnavailableException) {
            return "unavailable";
        }
        return "unexpected";
    }

    /**
     * Has the JDK start its poller, which parks virtual threads in blocking socket I/O: the first
     * virtual thread to block on a socket (any socket, in any code) waits, pinned, for its class
     * initialization, a one-time cost of the JDK's that would otherwise fall on whichever caller came
     * first.
     */
    private static void startPoller() {
        try {
            Class.forName("sun.nio.ch.Poller");
        }
        catch (ClassNotFoundException ex) {
            // Another JDK's implementation: nothing to start ahead.
        }
    }

    private static boolean isVirtual() throws ReflectiveOperationException {
        return (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
    }

    private static void awaitWorkers(SupervisedProcess<?> pool, WorkerState state, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> pool.status().countWorkers(state) == count);
    }

    /** A call whose outcome is counted. */
    @FunctionalInterface
    private interface Call {

        void run();
    }
}
