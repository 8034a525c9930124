package dev.tarnish.bench.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.bench.peer.BareChannel;
import dev.tarnish.bench.tasks.EchoBytesTask;
import dev.tarnish.bench.tasks.Payloads;
import dev.tarnish.bench.WireBytes;
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

/**
 * Round trip of a large {@code byte[]} (echoed by the task) through tarnish with one worker, beside
 * the bare channels carrying the same bytes (the input's CBOR encoding) to an echo peer and back.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BytesBenchmark {

    /** The input and its bytes on the wire. */
    @State(Scope.Benchmark)
    public static class Input {

        @Param({ "1048576", "33554432" })
        public int size;

        byte[] value;

        byte[] wire;

        @Setup(Level.Trial)
        public void setUp() {
            this.value = Payloads.bytes(this.size);
            this.wire = WireBytes.of(this.value);
        }
    }

    /** tarnish, one worker. */
    @State(Scope.Benchmark)
    public static class Tarnish {

        SupervisedProcess<?> process;

        @Setup(Level.Trial)
        public void setUp() {
            this.process = Fixtures.tarnish(EchoBytesTask.class, 1);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            this.process.close();
        }
    }

    /** The bare channel of a kind. */
    @State(Scope.Benchmark)
    public static class Bare {

        @Param({ "uds", "pipe" })
        public String channel;

        BareChannel peer;

        @Setup(Level.Trial)
        public void setUp(Input input) throws IOException {
            Fixtures.killChildrenOnExit();
            this.peer = BareChannel.open(this.channel, input.wire);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            this.peer.close();
        }
    }

    @Benchmark
    public Object tarnish(Input input, Tarnish state) {
        return state.process.call(input.value);
    }

    @Benchmark
    public Object bare(Bare state) throws IOException {
        return state.peer.roundTrip();
    }
}
