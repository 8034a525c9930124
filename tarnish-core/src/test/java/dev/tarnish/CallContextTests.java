package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.tarnish.tasks.ContextWorkerMain;
import dev.tarnish.tasks.ContextWorkerMain.HeadersTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@link CallContext} carries its headers into a real worker, where the task runs inside them, and
 * sees every call end once with the outcome it is counted with; one that throws never harms a call.
 * One worker for all tests here.
 */
class CallContextTests {

    private static final List<String> events = new CopyOnWriteArrayList<>();

    private static volatile Map<String, String> headers = Map.of();

    private static volatile boolean failing;

    private static SupervisedProcess<HeadersTask> process;

    private static CallContext callContext;

    @BeforeAll
    static void startWorker() {
        callContext = new CallContext() {
            @Override
            public CallScope begin(String taskName) {
                if (failing) {
                    throw new IllegalStateException("begin fails");
                }
                Map<String, String> carried = headers;
                events.add("begin " + taskName + " on " + Thread.currentThread().getName());
                return new CallScope() {
                    @Override
                    public Map<String, String> headers() {
                        return carried;
                    }

                    @Override
                    public void end(CallOutcome outcome, Throwable failure) {
                        events.add("end " + outcome + ((failure != null) ? " " + failure.getClass().getSimpleName() : ""));
                    }
                };
            }

            @Override
            public Scope enter(String taskName, Map<String, String> carried) {
                throw new UnsupportedOperationException("caller side only");
            }
        };
        process = Tarnish.process(HeadersTask.class).name("headers")
            .launch(WorkerLaunch.mainClass(ContextWorkerMain.class.getName(), List.of()))
            .callContext(callContext)
            .build();
    }

    @AfterAll
    static void stopWorker() {
        process.close();
    }

    @Test
    void headersShouldReachTheTaskAndEachCallEndOnceWithItsOutcome() {
        events.clear();
        headers = Map.of("traceparent", "00-abc-def-01", "baggage", "user=ada");
        assertThat(process.<String>call("hello")).isEqualTo("hello {baggage=user=ada, traceparent=00-abc-def-01}");
        assertThat(events).containsExactly("begin headers on " + Thread.currentThread().getName(), "end SUCCESS");
    }

    @Test
    void callWithoutHeadersShouldRunWithoutAContextAndTheNextWithoutTheLastOnes() {
        headers = Map.of("traceparent", "first");
        assertThat(process.<String>call("one")).isEqualTo("one {traceparent=first}");
        headers = Map.of();
        assertThat(process.<String>call("two")).isEqualTo("two {}");
    }

    @Test
    void failureShouldEndTheScopeWithTheExceptionTheCallerGets() {
        events.clear();
        headers = Map.of("traceparent", "f");
        assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> process.call("fail"))
            .withMessageContaining("failing under {traceparent=f}");
        assertThat(events).endsWith("end FAILURE TaskFailedException");
    }

    @Test
    void asynchronousCallShouldBeginOnTheCallersThreadAndEndWhenItCompletes() throws Exception {
        events.clear();
        headers = Map.of("traceparent", "async");
        assertThat(process.<String>callAsync("later").get(60, TimeUnit.SECONDS))
            .isEqualTo("later {traceparent=async}");
        assertThat(events).containsExactly("begin headers on " + Thread.currentThread().getName(), "end SUCCESS");
    }

    @Test
    void contextThatThrowsShouldNotHarmTheCall() {
        failing = true;
        try {
            assertThat(process.<String>call("anyway")).isEqualTo("anyway {}");
        }
        finally {
            failing = false;
        }
    }

    @Test
    void headersTooLargeShouldBeLeftOutAndTheCallGoOn() {
        headers = Map.of("huge", "x".repeat(70 * 1024));
        assertThat(process.<String>call("big")).isEqualTo("big {}");
    }

    @Test
    void headersLargerThanAFrameShouldBeLeftOutAndTheWorkerKept() {
        TaskSettings small = TaskSettings.builder().maxFrameSize(1024).build();
        headers = Map.of("baggage", "x".repeat(2048));
        try (SupervisedProcess<HeadersTask> process = Tarnish.process(HeadersTask.class).name("small").settings(small)
            .launch(WorkerLaunch.mainClass(ContextWorkerMain.class.getName(), List.of()))
            .callContext(callContext)
            .build()) {
            long pid = -1;
            for (int i = 0; i < 3; i++) {
                assertThat(process.<String>call("fits")).isEqualTo("fits {}");
                long served = process.status().workers().get(0).pid();
                assertThat(pid).isIn(-1L, served);
                pid = served;
            }
            assertThat(process.status().crashes()).isZero();
        }
    }

    @Test
    void refusedCallShouldEndAsRejected() {
        events.clear();
        headers = Map.of("traceparent", "r");
        SupervisedProcess<HeadersTask> closed = Tarnish.process(HeadersTask.class).name("headers")
            .launch(WorkerLaunch.mainClass(ContextWorkerMain.class.getName(), List.of()))
            .callContext(new CallContext() {
                @Override
                public CallScope begin(String taskName) {
                    return new CallScope() {
                        @Override
                        public Map<String, String> headers() {
                            return Map.of();
                        }

                        @Override
                        public void end(CallOutcome outcome, Throwable failure) {
                            events.add("end " + outcome);
                        }
                    };
                }

                @Override
                public Scope enter(String taskName, Map<String, String> carried) {
                    return () -> {
                    };
                }
            })
            .build();
        closed.close();
        assertThatExceptionOfType(WorkerUnavailableException.class).isThrownBy(() -> closed.call("x"));
        assertThat(events).containsExactly("end REJECTED");
    }
}
