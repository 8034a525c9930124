package dev.tarnish.bench.report;

/**
 * The fixed prose of BENCHMARKS.md: how each figure is taken. No number in here.
 */
final class Texts {

    private Texts() {
    }

    static final String METHOD = """
            ## How the figures are taken

            - **Interleaved, not one after the other.** On this kind of machine (2 vCPUs in a VM whose host is \
            shared) the latency of a cross-process round trip moves by several times from one second to the \
            next: in one JMH fork the per-iteration mean of the bare UDS ping-pong ranged from about 8 to 55 µs. \
            Benchmarks run one after the other would compare different moments. So the round-trip figures (§1, §2) \
            keep all contestants open at once and give each a time slice per round, in a new random order every \
            round; warm-up rounds are dropped. Each call is timed with `System.nanoTime`; p50 and p99 are over \
            all timed calls; calls/s is calls completed over the wall-clock time of the contestant's slices (all \
            threads together).
            - **Same bytes.** The bare peers (`EchoPeer`) send and echo exactly the bytes tarnish puts on the wire \
            for the input (its CBOR encoding), behind a 4-byte length (tarnish's header is 5 bytes). They keep \
            the bytes in direct buffers allocated once: no encoding, no allocation, no copy into the Java heap. \
            That is the limit of the channel from Java.
            - **Same JVM.** Every child JVM (workers, peers, RMI, pp4j, out-process, JVM per call) is started with \
            the same `java` as the harness, on the harness's class path.
            - The JMH benchmarks in `tarnish-benchmarks/src/main/java/dev/tarnish/bench/jmh` cover the same calls \
            one benchmark at a time, for profiling (`-prof gc`, `-prof stack`); they do not feed this file. Run them \
            with `java -cp <class path> org.openjdk.jmh.Main SmallCallBenchmark` (see the module's README section \
            in `tarnish-benchmarks/run.sh`).

            """;

    static final String SMALL_CALLS = """
            The task returns its input. **(a)** the same task called in the harness JVM; **(b)** the limit: the \
            same bytes to a bare echo peer in another JVM, over a Unix-domain socket and over the peer's \
            stdin/stdout pipes; **(c)** Java RMI (`UnicastRemoteObject`, loopback TCP, Java serialization) to a \
            child JVM; **(d)** a fresh JVM per call (`ProcessBuilder`, the input Java-serialized to its stdin, the \
            output read from its stdout, then `waitFor`); **(e)** pp4j's `JavaProcessPoolExecutor` with one \
            process and out-process's `OutProcessExecutorService`, each submitting a serializable callable that \
            returns the input. Rows on 2 threads compare with the bare UDS ping-pong on 2 threads (one peer each).

            """;

    static final String BYTES = """
            The task returns its `byte[]` input (1 worker). The bare peers carry the same bytes (the CBOR \
            encoding of the array) there and back. MB/s = 2 × size × calls/s / 10^6: the payload counted in \
            both directions.

            """;

    static final String STARTUP = """
            tarnish: a new process (`Tarnish.process(...).build()`, 1 worker, library worker main on the harness \
            class path), timed from `build()` until the first call has returned; tarnish's own start-up figure \
            (spawn to the worker's hello, as given to `TarnishListener.workerStarted`) beside it. Baseline: a bare \
            JVM on the same class path running a hello-world main, timed from spawn to its line read by the \
            parent. Alternated run by run.

            """;

    static final String CRASH = """
            A pool of 1 worker whose task reads address 0 through `sun.misc.Unsafe` on a given input: the call \
            ends with `WorkerCrashedException`, then an ordinary call is made at once; it waits for the \
            replacement worker. Ratios are to the worker start-up of §3.

            """;

    static final String MEMORY = """
            One tarnish worker, started, one call served, then idle; beside it a bare JVM started with the \
            worker's exact command line (read from `/proc/<pid>/cmdline`) except that the main class only waits \
            on stdin. RSS and PSS from `/proc/<pid>/smaps_rollup`, both processes sampled at the same moments \
            after the same settling time. Both share the JDK's files with each other and with the harness, so \
            PSS counts a share of those.

            """;

    static final String ANALYSIS = """
            ## Notes

            Written from reading and profiling the call path, not measured by this run.

            """;
}
