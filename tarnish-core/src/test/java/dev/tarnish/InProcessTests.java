package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tarnish.WorkerUnavailableException.Reason;
import dev.tarnish.tasks.BytesTask;
import dev.tarnish.tasks.UnencodableOutputTask;
import org.junit.jupiter.api.Test;

/**
 * The in-process mode: a task run in the calling JVM, with the round trip of a worker's call, the
 * same exceptions for the task's failures, and the same counting. No worker JVM is started here.
 */
class InProcessTests {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void taskShouldGetADecodedCopyOfTheInputAndTheCallerADecodedCopyOfTheOutput() {
        List<String> input = new ArrayList<>(List.of("a"));
        try (SupervisedProcess<AppendingTask> process = Tarnish.process(AppendingTask.class)
            .buildInProcess(AppendingTask::new)) {
            List<String> output = process.call(input);
            assertThat(output).containsExactly("a", "appended");
            assertThat(input).as("the caller's input, untouched").containsExactly("a");
            assertThat(output).isNotSameAs(AppendingTask.lastReturned);
        }
    }

    @Test
    void byteArraysShouldBeCopiedBothWays() {
        byte[] input = { 1, 2, 3 };
        try (SupervisedProcess<ZeroingTask> process = Tarnish.process(ZeroingTask.class)
            .buildInProcess(ZeroingTask::new)) {
            byte[] output = process.call(input);
            assertThat(input).containsExactly(1, 2, 3);
            assertThat(output).containsExactly(0, 0, 0).isNotSameAs(ZeroingTask.lastReturned);
        }
        try (SupervisedProcess<BytesTask> reverse = Tarnish.process(BytesTask.class).buildInProcess(BytesTask::new)) {
            assertThat(reverse.<byte[]>call(new byte[] { 1, 2 })).containsExactly(2, 1);
        }
    }

    @Test
    void whatTheTaskThrowsShouldReachTheCallerAsATaskFailureOfThisPid() {
        try (SupervisedProcess<AppendingTask> process = Tarnish.process(AppendingTask.class).name("append")
            .buildInProcess(AppendingTask::new)) {
            assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> process.call(List.of("fail")))
                .satisfies((ex) -> {
                    assertThat(ex.getTaskName()).isEqualTo("append");
                    assertThat(ex.getWorkerPid()).hasValue(PID);
                    assertThat(ex.getRemoteClassName()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(ex.getRemoteMessage()).isEqualTo("asked to fail");
                    assertThat(ex.getRemoteStackTrace()).isNotEmpty();
                });
            assertThat(process.status().failures()).isEqualTo(1);
        }
    }

    @Test
    void typesThatCannotCrossTheBoundaryShouldFailAsFromAWorker() {
        try (SupervisedProcess<OpaqueTask> opaque = Tarnish.process(OpaqueTask.class).buildInProcess(OpaqueTask::new)) {
            assertThatExceptionOfType(TaskFailedException.class)
                .isThrownBy(() -> opaque.call(new Drawing(new Circle("c"))))
                .satisfies((ex) -> assertThat(ex.getRemoteMessage()).contains(Figure.class.getName()));
        }
        try (SupervisedProcess<UnencodableOutputTask> unencodable = Tarnish.process(UnencodableOutputTask.class)
            .buildInProcess(UnencodableOutputTask::new)) {
            assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> unencodable.call("x"))
                .satisfies((ex) -> assertThat(ex.getRemoteMessage()).contains("this getter cannot be read"));
        }
        try (SupervisedProcess<BytesTask> bytes = Tarnish.process(BytesTask.class).buildInProcess(BytesTask::new)) {
            assertThatIllegalArgumentException().isThrownBy(() -> bytes.call("not bytes"))
                .withMessageContaining("takes a byte[] input, not a java.lang.String");
        }
    }

    @Test
    void eachInstanceShouldServeOneCallAtATimeAndCallersWaitUpToTheAcquireTimeout() throws Exception {
        BlockingTask.reset(2);
        TaskSettings settings = TaskSettings.builder().workers(2).acquireTimeout(Duration.ZERO).build();
        List<TarnishListener> heard = new CopyOnWriteArrayList<>();
        AtomicInteger made = new AtomicInteger();
        try (SupervisedProcess<BlockingTask> process = Tarnish.process(BlockingTask.class).settings(settings)
            .buildInProcess(() -> {
                made.incrementAndGet();
                return new BlockingTask();
            })) {
            CompletableFuture<String> first = process.callAsync("one");
            CompletableFuture<String> second = process.callAsync("two");
            assertThat(BlockingTask.running.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.status().workers()).hasSize(2)
                .allSatisfy((worker) -> assertThat(worker.state()).isEqualTo(WorkerState.BUSY));
            assertThatExceptionOfType(WorkerUnavailableException.class).isThrownBy(() -> process.call("three"))
                .satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NO_IDLE_WORKER));
            BlockingTask.release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done one");
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("done two");
            assertThat(made).hasValue(2);
            assertThat(process.status().calls()).isEqualTo(3);
            assertThat(process.status().rejected()).isEqualTo(1);
            assertThat(heard).isEmpty();
        }
    }

    @Test
    void restartShouldMakeNewInstancesAndCloseShouldRefuseLaterCalls() {
        AtomicInteger made = new AtomicInteger();
        List<CallOutcome> outcomes = new CopyOnWriteArrayList<>();
        SupervisedProcess<AppendingTask> process = Tarnish.process(AppendingTask.class)
            .listener(new TarnishListener() {
                @Override
                public void callCompleted(String task, CallOutcome outcome, Duration duration) {
                    outcomes.add(outcome);
                }
            })
            .buildInProcess(() -> {
                made.incrementAndGet();
                return new AppendingTask();
            });
        process.call(List.of("a"));
        process.call(List.of("b"));
        assertThat(made).hasValue(1);
        process.restart();
        process.call(List.of("c"));
        assertThat(made).hasValue(2);
        assertThat(process.status().restarts()).isEqualTo(1);
        assertThat(process.status().state()).isEqualTo(TaskState.RUNNING);
        assertThat(process.status().workers()).singleElement()
            .satisfies((worker) -> assertThat(worker.pid()).isEqualTo(PID));
        process.close();
        assertThat(process.status().state()).isEqualTo(TaskState.CLOSED);
        assertThatExceptionOfType(WorkerUnavailableException.class).isThrownBy(() -> process.call(List.of("d")))
            .satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.CLOSED));
        assertThat(process.callAsync(List.of("e"))).failsWithin(Duration.ofSeconds(30))
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .withCauseInstanceOf(WorkerUnavailableException.class);
        assertThat(outcomes).containsExactly(CallOutcome.SUCCESS, CallOutcome.SUCCESS, CallOutcome.SUCCESS,
                CallOutcome.REJECTED, CallOutcome.REJECTED);
    }

    @Test
    void taskThatCannotBeCreatedShouldFailTheCallAndBeCounted() {
        try (SupervisedProcess<AppendingTask> process = Tarnish.process(AppendingTask.class).name("broken")
            .buildInProcess(() -> {
                throw new IllegalStateException("no native library");
            })) {
            assertThatExceptionOfType(TarnishException.class).isThrownBy(() -> process.call(List.of("a")))
                .withMessageContaining("cannot be created in process")
                .withMessageContaining("no native library");
            assertThat(process.status().failures()).isEqualTo(1);
        }
    }

    @Test
    void asynchronousFailureShouldCompleteTheFutureWithTheTaskFailure() {
        try (SupervisedProcess<AppendingTask> process = Tarnish.process(AppendingTask.class)
            .buildInProcess(AppendingTask::new)) {
            CompletableFuture<List<String>> future = process.callAsync(List.of("fail"));
            assertThatExceptionOfType(CompletionException.class).isThrownBy(future::join)
                .withCauseInstanceOf(TaskFailedException.class);
        }
    }

    /** Appends to its input list and returns it; fails on "fail". */
    public static class AppendingTask implements Task<List<String>, List<String>> {

        static volatile List<String> lastReturned;

        @Override
        public List<String> run(List<String> input) {
            if (input.contains("fail")) {
                throw new IllegalStateException("asked to fail");
            }
            input.add("appended");
            lastReturned = input;
            return input;
        }
    }

    /** Zeroes its input array and returns it. */
    public static class ZeroingTask implements Task<byte[], byte[]> {

        static volatile byte[] lastReturned;

        @Override
        public byte[] run(byte[] input) {
            java.util.Arrays.fill(input, (byte) 0);
            lastReturned = input;
            return input;
        }
    }

    /** An abstract type: Jackson writes the concrete value's properties but cannot read one back. */
    public interface Figure {

        String getName();
    }

    /** A figure. */
    public static class Circle implements Figure {

        private final String name;

        Circle(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return this.name;
        }
    }

    /**
     * Holds a figure by its abstract type.
     * @param figure the figure
     */
    public record Drawing(Figure figure) {
    }

    /** Takes a {@link Drawing}: its input encodes in the caller but does not decode in a worker. */
    public static class OpaqueTask implements Task<Drawing, String> {

        @Override
        public String run(Drawing input) {
            return input.figure().getName();
        }
    }

    /** Blocks until released, once as many calls as asked run at once. */
    public static class BlockingTask implements Task<String, String> {

        static volatile CountDownLatch running;

        static volatile CountDownLatch release;

        static void reset(int calls) {
            running = new CountDownLatch(calls);
            release = new CountDownLatch(1);
        }

        @Override
        public String run(String input) throws InterruptedException {
            running.countDown();
            release.await();
            return "done " + input;
        }
    }
}
