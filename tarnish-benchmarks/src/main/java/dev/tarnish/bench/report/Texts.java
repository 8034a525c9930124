package dev.tarnish.bench.report;

/**
 * The fixed prose of BENCHMARKS.md: how each figure is taken. No figure of the run in here; the notes
 * on the targets give measurements from development, with their date.
 */
final class Texts {

    private Texts() {
    }

    static final String METHOD = """
            ## How the figures are taken

            - **Interleaved, not one after the other.** On this kind of machine (2 vCPUs in a VM whose host is \
            shared) the latency of a cross-process round trip moves by several times from one second to the \
            next: during development the per-iteration mean of the bare UDS ping-pong moved by several times \
            within one JMH fork. Benchmarks run one after the other would compare different moments. So the round-trip figures (§1, §2) \
            keep all contestants open at once and give each a time slice per round, in a new random order every \
            round; warm-up rounds are dropped. Each call is timed with `System.nanoTime`; p50 and p99 are over \
            all timed calls, recorded in an HdrHistogram per contestant (three significant digits: a figure is \
            within 0.1 % of the exact percentile); calls/s is calls completed over the wall-clock time of the contestant's slices (all \
            threads together).
            - **Same bytes.** The bare peers (`EchoPeer`) send and echo exactly the bytes tarnish puts on the wire \
            for the input (its CBOR encoding), behind a 4-byte length (tarnish's header is 5 bytes). They keep \
            the bytes in direct buffers allocated once: no encoding, no allocation, no copy into the Java heap. \
            That is the limit of the channel from Java.
            - **Same JVM.** Every child JVM (workers, peers, RMI, pp4j, out-process, JVM per call) is started with \
            the same `java` as the harness, on the harness's class path.
            - **Libraries.** `net.viktorc:pp4j:2.2` and `com.github.dyorgio.runtime:out-process:1.2.7` both \
            resolve from Maven Central; pp4j's own dependencies (commons-pool2, slf4j-api, no slf4j binding) \
            come at the versions the parent pom's Spring Boot BOM manages.
            - The JMH benchmarks in `tarnish-benchmarks/src/main/java/dev/tarnish/bench/jmh` cover the same calls \
            one benchmark at a time, for profiling (`-prof gc`, `-prof stack`); they do not feed this file. Run them \
            with `java -cp "$(cat tarnish-benchmarks/target/classpath.txt)" org.openjdk.jmh.Main SmallCallBenchmark` \
            after `tarnish-benchmarks/run.sh` has written that class path.

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

    static final String SPRING_CALLS = """
            The sample's `greeting` task (a Spring bean with an injected `Greeter`; it returns a greeting \
            of about 40 characters that names its worker's pid), called from the harness through a worker \
            started as the sample starts its own: `java <worker options> -jar <the packaged sample>` with \
            `TARNISH_WORKER=greeting`, so the worker is the sample in worker mode, on the default (lean) \
            worker options, from the extracted jar with its class-data-sharing archive once one exists. \
            Beside it, in the same interleaved rounds, a plain worker of the harness's echo task and the \
            bare UDS ping-pong of the same 16-byte input.

            """;

    static final String BYTES = """
            The task returns its `byte[]` input (1 worker, default settings). The bare peers carry the same \
            bytes (the CBOR encoding of the array) there and back. MB/s = 2 × size × calls/s / 10^6: the \
            payload counted in both directions. From 256 KiB up, tarnish passes a payload through a region of \
            shared memory (`/dev/shm`) that both processes map, and only its place over the socket. The Spring \
            worker row is what a user of the packaged sample gets: its `greeting` task (a `String` in, the \
            greeting with that `String` out) called with ASCII text of the same size (letters, digits, spaces \
            and commas), through a \
            worker of the jar started as the sample starts its own (as in the 16-byte String through a Spring \
            worker, above), interleaved with \
            the others. Its figures count the text in both directions too; its codec has a `String` to read \
            and build where the others have a `byte[]`: a `String` goes as a CBOR text string coded by the \
            JDK's UTF-8 (Jackson's character-by-character coding only for text it must refuse).

            """;

    static final String STARTUP = """
            tarnish: a new process (`Tarnish.process(...).build()`, 1 worker, library worker main on the harness \
            class path), timed from `build()` until the first call has returned; tarnish's own start-up figure \
            (spawn to the worker's hello, as given to `TarnishListener.workerStarted`) beside it. Baseline: a bare \
            JVM on the same class path running a hello-world main, timed from spawn to its line read by the \
            parent. Alternated run by run.

            """;

    static final String SPRING_STARTUP = """
            The packaged sample application (`sample-app/target/tarnish-sample-app-0.1.0-SNAPSHOT.jar`, built by \
            the same command) started as a user starts it: `java -jar <jar> --server.port=<free port>`, by the \
            harness's `java`, with one JVM option: `-Dtarnish.cache.dir` names a cache folder of this run's own, \
            empty at its start and shared by its application processes as by a user's runs of one build (the \
            first process extracts the jar in the background, and a worker of the extracted jar trains the \
            class-data-sharing archive that later workers map). **Full application:** timed from spawn to Spring Boot's \
            "Started SampleApplication" log line read by the harness from the application's stdout (logged \
            once the context is refreshed and the web server listens; not the first 200 from \
            `/actuator/health`, which would add polling). The starter starts the application's 4 workers \
            (`native`, `greeting`, 2 × `hash`) once the context is refreshed, just before that line, so they \
            share the 2 processors with the rest of the application's start only. **Spring worker:** a worker of the same jar in worker mode (the same \
            command line with `TARNISH_WORKER=greeting` and tarnish's worker options, the lean defaults \
            included: no web server, lazy beans, only the task bean, no actuator endpoints, health or \
            meters of its own process). Once the application and all its workers \
            have started and a second has passed, the `greeting` worker is restarted with \
            `POST /actuator/tarnish/greeting`, several times per application. A restart is rolling (the old \
            worker serves until its replacement is ready), so the replacement starts in an otherwise idle \
            application. Two figures per restart: the time from the restart request until \
            `GET /api/greeting` (polled every 20 ms, served by the old worker until then) is first answered by \
            the new worker's pid; and the replacement's spawn-to-ready time as recorded by the starter in the \
            `tarnish.worker.startup` timer (spawn to the worker's hello; the increase of the timer's total over \
            its one new sample, read from `/actuator/metrics`). The same timer's first sample, taken while the \
            application itself starts, is shown too. The restarts whose new worker was started with the archive \
            (`-XX:SharedArchiveFile=` or `-XX:AOTCache=` on its command line, read from `/proc`) are shown \
            apart too, and the target compares their restart-to-first-call figure, the longer of the two, \
            with the full application's start. A bare hello-world JVM is started beside \
            each application process. Every application process is stopped at the end of its round (SIGTERM, \
            then a kill of it and of every worker it started). After each, the same jar is started once more \
            with `--tarnish.mode=in-process` (the tasks run in the application, no worker process) and timed \
            to the same line: what the workers cost the application's own start.

            """;

    static final String SPRING_OTHER_JDK = """
            the harness's other figures stay on its own JDK. On JDK 25 and later a worker trains and maps \
            the JDK's AOT cache (`-XX:AOTCacheOutput`, then `-XX:AOTCache`: classes loaded and linked ahead \
            of time, with method profiles) where JDK 17 to 24 have the dynamic archive; the application \
            itself runs as the user starts it, without one. Ratios compare with the application on the \
            same JDK. Run with `BENCH_OTHER_JAVA=<path to java>` (`tarnish-benchmarks/run.sh` picks a \
            JDK 25 under `/usr/lib/jvm` by itself); the harness's class path is Java 17 bytecode.

            """;

    static final String SPRING_MEMORY = """
            In each of the application processes above, once all its workers have started, the `greeting` \
            and `native` tasks have served one call each (the `hash` workers none) and everything has been \
            left idle for the settling time, the application and one worker of each task are sampled at the \
            same moments, one second apart, from `/proc/<pid>/smaps_rollup` (RSS: resident pages; PSS: each \
            shared page divided among the processes that map it, so the JDK's files shared by the application \
            and its workers count once in all). The application runs with the JVM's default options; its \
            workers with tarnish's lean defaults and the sample's `jvm-args` (`-Xmx64m` for `native`). Medians \
            over all samples of all application processes.

            """;

    static final String CRASH = """
            A pool of 1 worker whose task reads address 0 through `sun.misc.Unsafe` on a given input: the call \
            ends with `WorkerCrashedException`, then an ordinary call is made at once. Without a standby worker \
            it waits for the replacement worker; with `TaskSettings.builder().standby(1)` the pool keeps a \
            started spare beside its worker (no extra concurrency), which takes that call. Before every crash \
            the harness waits until all of the pool's workers, the spare included, are idle again. The \
            steady-state calls (an ordinary call, after as many to warm up) are made on the same pool before \
            its first crash. Ratios are to that pool's steady-state call and to the worker start-up of §3.

            """;

    static final String MEMORY = """
            One tarnish worker, started, one call served, then idle; beside it a bare JVM started with the \
            worker's exact command line (read from `/proc/<pid>/cmdline`, so with the flags the worker really \
            got, tarnish's lean defaults included) except that the main class only waits on stdin. Twice, all \
            four processes at once: a worker with the default lean JVM options (`leanJvm(true)`: \
            `-XX:TieredStopAtLevel=1`, the serial collector with `-XX:NewRatio=1`, `-XX:-UsePerfData`, `-Xms16m`, \
            `-XX:MetaspaceSize=64m`) and one with \
            `leanJvm(false)`, each with its own bare JVM. RSS and PSS from `/proc/<pid>/smaps_rollup`, all \
            sampled at the same moments after the same settling time. All share the JDK's files with each \
            other and with the harness, so PSS counts a share of those.

            """;

    static final String ANALYSIS = """
            ## Notes on the targets

            From reading the call path and from profiling during development; this part of the file is not \
            re-measured by the run, the verdicts above are.

            - **Small calls.** Beyond the bare ping-pong, a tarnish call adds Jackson CBOR encoding and decoding \
            on both sides, a 5-byte header, the pool's lock on acquire and release, and NIO's copy of heap \
            buffers through a per-thread direct buffer. Changes to `tarnish-core` that came out of this work: a \
            small frame (with its call-context frame) goes out in one write from a direct buffer of the \
            channel's, and the reader takes frames out of what one read brought, so each side makes one system \
            call per frame and the peer wakes once (on a VM a wake-up is the expensive part of a round trip); \
            and `byte[]` values skip Jackson (below). What is left is mostly Jackson's bean path for the \
            record (Jackson 3.1 calls a record's constructor through `MethodHandle.invokeWithArguments` for \
            every object) and the client compiler: workers run C1 only (`lean-jvm`), and with C2 the small \
            calls measured 1.26× and 1.6× the bare channel instead of 1.53× and 2.3× (on an earlier machine of this \
            kind, whose processor ran Java code about a fifth slower beside its system calls: there the \
            small-call targets above were missed with C1), at the price of a Spring \
            worker that starts about 1 s later (see `WorkerJvmOptions`). With 2 \
            workers on this 2-processor machine, 2 callers and 2 workers compete for 2 processors, so extra CPU \
            per call (encoding, decoding) shows directly in calls/s and in p99.
            - **Large byte[].** A `byte[]` input or output crosses without an encode or decode copy, and from \
            256 KiB up not through the socket: the sender copies the CBOR byte-string header and the array \
            into its region of shared memory (a file under `/dev/shm`, mapped by both processes, its name \
            deleted once both have it) and sends a frame of about 25 bytes that says where it is; the reader copies the \
            bytes out into a result array of exactly their size. Two copies of memory per direction, where \
            the socket took NIO's copy through a temporary direct buffer on each side, the kernel's two, and a \
            wake-up of the reader per socket buffer. The bare peer keeps its bytes in one direct buffer and \
            allocates nothing; tarnish allocates the array each side hands on. A region costs shared memory \
            of the largest payload sent its way, until its worker ends. The worker's lean serial collector \
            has a young generation of half its heap (`-XX:NewRatio=1`): at a third, a 32 MiB array did not \
            fit it and was allocated old, and every call took a full collection (during development, echoing \
            8-48 MiB: 0.34-0.41× the bare bandwidth with shared memory, 0.89-0.99× with the larger young \
            generation too; 0.28× at 32 MiB before either).
            - **Idle memory.** The worker has loaded and compiled Jackson and tarnish, and the start-up and the \
            first call allocated in the young generation: Native Memory Tracking during development showed \
            the worker's extra memory over the bare JVM as Java heap touched by those allocations, then \
            metaspace, symbols and compiler arenas. The workers measured here run on the harness's class path, \
            which holds class directories (`target/classes`), so tarnish's class-data-sharing archive is not \
            used for them (the JVM cannot archive directories); workers started from jars, as the packaged \
            sample's are, map their classes from the archive. The lean defaults start the heap at 16 MiB, so \
            start-up allocations touch fewer heap pages (free-heap ratios of 10/30, which they also set \
            before, saved 3-4 MiB more per idle Spring worker but made a full collection of every few calls \
            with megabytes of data: they are the JVM's own now). What would reach the target: run the measured workers from \
            jars so the archive is used (its pages are shared, and PSS divides them).
            - **Idle Spring workers.** Measured with Native Memory Tracking on the sample's `greeting` worker \
            running from its class-data-sharing archive (2026-12-02): 24 MiB of Java heap committed (12 MiB live \
            after a full collection; the young generation is half the heap, `-XX:NewRatio=1`), 41 MiB resident \
            of the two archives (the JDK's 12 MiB and the application's 29 MiB), 7 MiB of compiled code, 2 MiB \
            of metaspace beside them, and the JVM's own library (12 MiB) and malloc arenas. The JVM maps the \
            archives at a random address and so relocates them, which writes to most of their pages: \
            `-XX:ArchiveRelocationMode=0` (a diagnostic option) maps them at their fixed address instead; it \
            left the RSS as it was, but made about 19 MiB of a worker's pages shareable with the other workers \
            of its archive (its anonymous PSS fell from 73 to 54 MiB), at the cost of the address randomization \
            of class metadata, in exactly the processes that run crash-prone native code: tarnish does not set \
            it. Before the 16 MiB initial heap, the JVM's default of a 64th of the machine's memory (384 MiB \
            here) was touched by start-up garbage, and each Spring worker held about 195 MiB. Leaving the \
            application's operation out of workers (actuator endpoints, health, the process's own meters: the \
            worker auto-configuration filter) took the idle `greeting` worker from 101 MiB (full run of `c88a3f5`) \
            to 94 MiB (full run of `d96ac02`).
            - **Crash to next call.** Without a standby worker the next call waits for a replacement's \
            start-up (§3). With `standby(1)` it is served by a worker that was started in advance: no start-up \
            is waited for, but idle workers take calls in turn, and after each crash the pool holds one fresh \
            replacement that has served no call yet; when the next call lands on it, it pays that worker's \
            first-call costs (class loading, the interpreter) instead of a start-up. What would reach the \
            target: a warm-up round trip through the codec and the channel in every new worker before it is \
            offered to callers.
            - **Spring worker mode.** A Spring worker starts the application's context without a web server, \
            with lazy beans and only the task bean, on the lean JVM options; the auto-configurations of \
            actuator endpoints, health, the process's own meters and web applications are left out of it \
            before they are read. Since a fat jar's nested classes \
            cannot be archived, tarnish extracts the jar once (Boot's `-Djarmode=tools extract` layout, in \
            `~/.cache/tarnish/cds/jars`, keyed by the jar's content) and workers started after that run from \
            the extracted jar and map their classes from the class-data-sharing archive trained by the first \
            of them (kept in `~/.cache/tarnish/cds`, so later runs of the application find both); workers \
            start once the application's context is refreshed. The full application starts everything with \
            the JVM's default options and no archive.
            """;
}
