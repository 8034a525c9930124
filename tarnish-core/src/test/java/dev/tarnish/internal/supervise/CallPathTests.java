package dev.tarnish.internal.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.CallOutcome;
import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;
import dev.tarnish.Task;
import dev.tarnish.TarnishException;
import dev.tarnish.TarnishListener;
import dev.tarnish.TaskFailedException;
import dev.tarnish.TaskSettings;
import dev.tarnish.TaskTimeoutException;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.WorkerUnavailableException;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.MessageType;
import dev.tarnish.internal.protocol.PayloadCodec;
import dev.tarnish.internal.protocol.RemoteErrors;

/**
 * Every outcome of one call, without a worker JVM: the call path talks to a {@link FakeWorker} over an
 * in-memory channel pair. Each test checks the exception and outcome of the attempt, and that the
 * worker went back exactly once, kept or lost.
 */
@Timeout(30)
class CallPathTests {

    @TempDir
    Path folder;

    private final PayloadCodec codec = PayloadCodec.forTask(EchoTask.class);

    private final RecordingWorkers workers = new RecordingWorkers();

    private final List<CrashReport> crashes = new CopyOnWriteArrayList<>();

    private ScheduledExecutorService scheduler;

    private CallPath path;

    private FakeWorker fake;

    @BeforeEach
    void setUp() throws Exception {
        this.scheduler = new ScheduledThreadPoolExecutor(1);
        PoolEvents events = new PoolEvents("test");
        events.add(new TarnishListener() {

            @Override
            public void workerCrashed(CrashReport report) {
                CallPathTests.this.crashes.add(report);
            }
        });
        this.path = new CallPath("test", TaskSettings.defaults(), this.codec, events, this.scheduler, this.workers);
        this.fake = new FakeWorker(4242, this.folder.resolve("hs_err_pid4242.log"));
    }

    @AfterEach
    void tearDown() {
        this.scheduler.shutdownNow();
    }

    @Test
    void whenTheTaskReturnsShouldGiveTheValueAndKeepTheWorker() throws Exception {
        CompletableFuture<CallEnding> call = start(null, new CallGuard());
        reply(this.codec.encodeResult("out"));
        assertThat(call.join().<String>get()).isEqualTo("out");
        assertEnded(call, CallOutcome.SUCCESS, 1, 0);
        assertThat(this.fake.killed()).isFalse();
    }

    @Test
    void whenTheTaskThrowsShouldCarryTheRemoteFailureAndKeepTheWorker() throws Exception {
        CompletableFuture<CallEnding> call = start(null, new CallGuard());
        reply(new Frame(MessageType.FAILURE, RemoteErrors.encode(new IllegalStateException("boom"))));
        TaskFailedException failure = (TaskFailedException) failure(call);
        assertThat(failure.getRemoteClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failure.getWorkerPid()).hasValue(4242);
        assertEnded(call, CallOutcome.FAILURE, 1, 0);
    }

    @Test
    void whenTheOutputCannotBeDecodedShouldFailTypedAndKeepTheWorker() throws Exception {
        CompletableFuture<CallEnding> call = start(null, new CallGuard());
        // A CBOR map where the task's output type is a String.
        reply(new Frame(MessageType.RESULT, new byte[] { (byte) 0xa1, 0x61, 0x61, 0x01 }));
        assertThat(failure(call)).isExactlyInstanceOf(TarnishException.class).hasMessageContaining("cannot be decoded");
        assertEnded(call, CallOutcome.FAILURE, 1, 0);
    }

    @Test
    void whenTheWorkerDiesDuringTheCallShouldReportTheCrashAndLoseTheWorker() throws Exception {
        CompletableFuture<CallEnding> call = start(null, new CallGuard());
        receiveCall();
        this.fake.die(134);
        CrashReport report = ((WorkerCrashedException) failure(call)).getReport();
        assertThat(report.cause()).isEqualTo(CrashCause.SIGNAL);
        assertThat(report.signal()).isEqualTo("SIGABRT");
        assertThat(report.stderrTail()).containsExactly("last words on stderr");
        assertThat(this.crashes).containsExactly(report);
        assertThat(this.fake.killed()).as("a dying worker is left to exit by itself").isFalse();
        assertEnded(call, CallOutcome.CRASH, 0, 1);
    }

    @Test
    void whenTheDeadWorkerLeftAFatalErrorLogShouldReportItsSummary() throws Exception {
        Files.copy(Path.of(getClass().getResource("/fatal-error-logs/segfault-jna.log").toURI()),
                this.folder.resolve("hs_err_pid4242.log"));
        CompletableFuture<CallEnding> call = start(null, new CallGuard());
        receiveCall();
        this.fake.die(134);
        CrashReport report = ((WorkerCrashedException) failure(call)).getReport();
        assertThat(report.cause()).isEqualTo(CrashCause.NATIVE_CRASH);
        assertThat(report.fatalError()).contains("SIGSEGV", "Java_com_sun_jna_Native_getLong");
    }

    @Test
    void whenTheWorkerBreaksTheProtocolShouldKillItAndReportAProtocolError() throws Exception {
        CompletableFuture<CallEnding> call = start(null, new CallGuard());
        reply(Frame.empty(MessageType.HELLO));
        CrashReport report = ((WorkerCrashedException) failure(call)).getReport();
        assertThat(report.cause()).isEqualTo(CrashCause.PROTOCOL_ERROR);
        assertThat(report.detail()).contains("HELLO");
        assertThat(this.fake.killed()).isTrue();
        assertEnded(call, CallOutcome.CRASH, 0, 1);
    }

    @Test
    void whenTheCallRunsPastItsTimeoutShouldKillTheWorker() throws Exception {
        CompletableFuture<CallEnding> call = start(Duration.ofMillis(200), new CallGuard());
        receiveCall();
        assertThat(failure(call)).isInstanceOf(TaskTimeoutException.class);
        assertThat(this.fake.killed()).isTrue();
        assertThat(this.crashes).isEmpty();
        assertEnded(call, CallOutcome.TIMEOUT, 0, 1);
    }

    @Test
    void whenTheCallerIsInterruptedShouldKillTheWorkerAndKeepTheInterrupt() throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        CompletableFuture<CallEnding> call = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                return this.path.run(this.fake.worker, this.path.encode("in"), new CallGuard(), null);
            }
            finally {
                interruptKept.set(Thread.interrupted());
            }
        });
        receiveCall();
        caller.get().interrupt();
        assertThat(failure(call)).isExactlyInstanceOf(TarnishException.class).hasMessageContaining("interrupted");
        assertThat(interruptKept).isTrue();
        assertThat(this.fake.killed()).isTrue();
        assertEnded(call, CallOutcome.REJECTED, 0, 1);
    }

    @Test
    void whenARunningCallIsCancelledShouldKillTheWorkerAndCountNoCrash() throws Exception {
        CallGuard guard = new CallGuard();
        CompletableFuture<CallEnding> call = start(null, guard);
        receiveCall();
        assertThat(guard.cancel()).isTrue();
        assertThat(failure(call)).isInstanceOf(CancellationException.class);
        assertThat(this.fake.killed()).isTrue();
        assertThat(this.crashes).isEmpty();
        assertEnded(call, CallOutcome.REJECTED, 0, 1);
    }

    @Test
    void whenCancelledBeforeItStartsShouldNeverReachTheWorker() {
        CallGuard guard = new CallGuard();
        assertThat(guard.cancel()).isTrue();
        CompletableFuture<CallEnding> call = CompletableFuture.completedFuture(
                this.path.run(this.fake.worker, this.path.encode("in"), guard, null));
        assertThat(failure(call)).isInstanceOf(CancellationException.class);
        assertThat(this.workers.unused).hasValue(1);
        assertThat(this.fake.killed()).isFalse();
        assertEnded(call, CallOutcome.REJECTED, 0, 0);
    }

    @Test
    void whenThePoolClosesDuringTheCallShouldRejectItAsClosed() throws Exception {
        CompletableFuture<CallEnding> call = start(null, new CallGuard());
        receiveCall();
        this.workers.closed = true;
        this.fake.die(137);
        assertThat(((WorkerUnavailableException) failure(call)).getReason())
            .isEqualTo(WorkerUnavailableException.Reason.CLOSED);
        assertThat(this.crashes).isEmpty();
        assertEnded(call, CallOutcome.REJECTED, 0, 1);
    }

    @Test
    void whenSomethingUnforeseenFailsInTheCallerShouldLoseTheWorkerAndPassTheErrorOn() throws Exception {
        this.fake.failNextRead(new OutOfMemoryError("simulated"));
        CompletableFuture<CallEnding> call = start(null, new CallGuard());
        assertThat(failure(call)).isInstanceOf(OutOfMemoryError.class).hasMessage("simulated");
        assertThat(this.fake.killed()).isTrue();
        assertEnded(call, CallOutcome.FAILURE, 0, 1);
    }

    private CompletableFuture<CallEnding> start(Duration timeout, CallGuard guard) {
        Frame call = this.path.encode("in");
        return CompletableFuture.supplyAsync(() -> this.path.run(this.fake.worker, call, guard, timeout));
    }

    private void receiveCall() throws Exception {
        Frame call = this.fake.channel.read();
        assertThat(call.type()).isEqualTo(MessageType.CALL);
        assertThat(this.codec.decodeCall(call)).isEqualTo("in");
    }

    private void reply(Frame reply) throws Exception {
        receiveCall();
        this.fake.channel.write(reply);
    }

    private static Throwable failure(CompletableFuture<CallEnding> call) {
        Throwable failure = call.join().failure();
        assertThat(failure).as("the attempt's failure").isNotNull();
        return failure;
    }

    private void assertEnded(CompletableFuture<CallEnding> call, CallOutcome outcome, int givenBack, int lost) {
        assertThat(call.join().outcome()).isEqualTo(outcome);
        assertThat(this.workers.givenBack).as("given back").hasValue(givenBack);
        assertThat(this.workers.lost).as("lost").hasValue(lost);
    }

    /** The pool as the call path leaves its worker: counts each way. */
    private static final class RecordingWorkers implements CallPath.Workers {

        final AtomicInteger givenBack = new AtomicInteger();

        final AtomicInteger unused = new AtomicInteger();

        final AtomicInteger lost = new AtomicInteger();

        volatile boolean closed;

        @Override
        public void giveBack(WorkerProcess worker) {
            this.givenBack.incrementAndGet();
        }

        @Override
        public void giveBackUnused(WorkerProcess worker) {
            this.unused.incrementAndGet();
        }

        @Override
        public void lose(WorkerProcess worker) {
            this.lost.incrementAndGet();
        }

        @Override
        public boolean isClosed() {
            return this.closed;
        }
    }

    /** The task whose types the codec uses. */
    static final class EchoTask implements Task<String, String> {

        @Override
        public String run(String input) {
            return input;
        }
    }
}
