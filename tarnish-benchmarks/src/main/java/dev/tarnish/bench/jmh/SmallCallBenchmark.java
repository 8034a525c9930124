package dev.tarnish.bench.jmh;

import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Task;
import dev.tarnish.bench.peer.BareChannel;
import dev.tarnish.bench.peer.PerCallMain;
import dev.tarnish.bench.peer.RmiPeer;
import dev.tarnish.bench.tasks.EchoCall;
import dev.tarnish.bench.tasks.Payloads;
import dev.tarnish.bench.WireBytes;
import dyorgio.runtime.out.process.OutProcessExecutorService;
import net.viktorc.pp4j.api.JavaProcessExecutorService;
import net.viktorc.pp4j.impl.ProcessExecutors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Round trip of a small call (a 16-byte string, a record of ten fields) through tarnish and through
 * every baseline, in the same run. The task echoes its input, so a call costs only the trip.
 * Methods ending in {@code _t2} run on two threads at once; a tarnish process then has two workers,
 * and each thread of a bare baseline has its own peer JVM.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SmallCallBenchmark {

    /** The input, and the bytes tarnish puts on the wire for it (its CBOR encoding). */
    @State(Scope.Benchmark)
    public static class Input {

        @Param({ "string16", "record10" })
        public String payload;

        Object value;

        byte[] wire;

        @Setup(Level.Trial)
        public void setUp() {
            this.value = Payloads.small(this.payload);
            this.wire = WireBytes.of(this.value);
        }
    }

    /** (a) The same task called in this JVM. */
    @State(Scope.Benchmark)
    public static class InProcess {

        Task<Object, Object> task;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void setUp(Input input) throws ReflectiveOperationException {
            this.task = (Task<Object, Object>) Payloads.echoTask(input.payload).getDeclaredConstructor().newInstance();
        }
    }

    /** tarnish, one worker. */
    @State(Scope.Benchmark)
    public static class TarnishOne {

        SupervisedProcess<?> process;

        @Setup(Level.Trial)
        public void setUp(Input input) {
            this.process = Fixtures.tarnish(Payloads.echoTask(input.payload), 1);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            this.process.close();
        }
    }

    /** tarnish, two workers. */
    @State(Scope.Benchmark)
    public static class TarnishTwo {

        SupervisedProcess<?> process;

        @Setup(Level.Trial)
        public void setUp(Input input) {
            this.process = Fixtures.tarnish(Payloads.echoTask(input.payload), 2);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            this.process.close();
        }
    }

    /** (b) The limit: the same bytes to an echo peer over a Unix-domain socket; one peer per thread. */
    @State(Scope.Thread)
    public static class BareUds {

        BareChannel channel;

        @Setup(Level.Trial)
        public void setUp(Input input) throws IOException {
            Fixtures.killChildrenOnExit();
            this.channel = BareChannel.open("uds", input.wire);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            this.channel.close();
        }
    }

    /** (b) The limit: the same bytes to an echo peer over its stdin and stdout. */
    @State(Scope.Thread)
    public static class BarePipe {

        BareChannel channel;

        @Setup(Level.Trial)
        public void setUp(Input input) throws IOException {
            Fixtures.killChildrenOnExit();
            this.channel = BareChannel.open("pipe", input.wire);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            this.channel.close();
        }
    }

    /** (c) Java RMI to a child JVM. */
    @State(Scope.Benchmark)
    public static class Rmi {

        RmiPeer.Connection connection;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Fixtures.killChildrenOnExit();
            this.connection = RmiPeer.connect();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            this.connection.close();
        }
    }

    /** (e) pp4j's JavaProcessPoolExecutor with one process. */
    @State(Scope.Benchmark)
    public static class Pp4j {

        JavaProcessExecutorService executor;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            Fixtures.killChildrenOnExit();
            this.executor = ProcessExecutors.newFixedJavaProcessPool(1);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            this.executor.shutdownNow();
            this.executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** (e) out-process's OutProcessExecutorService (one child JVM). */
    @State(Scope.Benchmark)
    public static class OutProcess {

        OutProcessExecutorService executor;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Fixtures.killChildrenOnExit();
            this.executor = new OutProcessExecutorService();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            this.executor.shutdownNow();
            this.executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Benchmark
    public Object inProcess(Input input, InProcess state) throws Exception {
        return state.task.run(input.value);
    }

    @Benchmark
    @Threads(2)
    public Object inProcess_t2(Input input, InProcess state) throws Exception {
        return state.task.run(input.value);
    }

    @Benchmark
    public Object tarnish(Input input, TarnishOne state) {
        return state.process.call(input.value);
    }

    @Benchmark
    @Threads(2)
    public Object tarnish_t2(Input input, TarnishTwo state) {
        return state.process.call(input.value);
    }

    @Benchmark
    public Object bareUds(BareUds state) throws IOException {
        return state.channel.roundTrip();
    }

    @Benchmark
    @Threads(2)
    public Object bareUds_t2(BareUds state) throws IOException {
        return state.channel.roundTrip();
    }

    @Benchmark
    public Object barePipe(BarePipe state) throws IOException {
        return state.channel.roundTrip();
    }

    @Benchmark
    public Object rmi(Input input, Rmi state) throws IOException {
        return state.connection.echo().echo(input.value);
    }

    @Benchmark
    public Object pp4j(Input input, Pp4j state) throws Exception {
        return state.executor.submit(new EchoCall((Serializable) input.value)).get();
    }

    @Benchmark
    public Object outProcess(Input input, OutProcess state) throws Exception {
        return state.executor.submit(new EchoCall((Serializable) input.value)).get();
    }

    @Benchmark
    public Object jvmPerCall(Input input) throws Exception {
        Fixtures.killChildrenOnExit();
        return PerCallMain.call(input.value);
    }
}
