package dev.tarnish.spring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tarnish.CallContext;
import dev.tarnish.CallOutcome;
import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;
import dev.tarnish.WorkerCrashedException;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

/**
 * The observations of calls, with Micrometer's test registry and Micrometer Tracing's simple tracer:
 * names, low-cardinality keys, errors, spans, and the worker side's scope.
 */
class ObservationCallContextTests {

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private final SimpleTracer tracer = new SimpleTracer();

    private final ObservationCallContext context = new ObservationCallContext(this.registry, null, null);

    ObservationCallContextTests() {
        this.registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(this.tracer));
    }

    @Test
    void callShouldBeObservedFromBeginToEndWithTaskAndOutcome() {
        CallContext.CallScope scope = this.context.begin("pdf");
        assertThat(this.registry).hasObservationWithNameEqualTo("tarnish.call")
            .that()
            .hasBeenStarted()
            .isNotStopped();
        scope.end(CallOutcome.SUCCESS, null);
        assertThat(this.registry).hasObservationWithNameEqualTo("tarnish.call")
            .that()
            .hasContextualNameEqualTo("call pdf")
            .hasLowCardinalityKeyValue("task", "pdf")
            .hasLowCardinalityKeyValue("outcome", "success")
            .hasBeenStopped();
        SimpleSpan span = this.tracer.onlySpan();
        assertThat(span.getName()).isEqualTo("call pdf");
        assertThat(span.getTags()).containsEntry("task", "pdf").containsEntry("outcome", "success");
    }

    @Test
    void failedCallShouldCarryItsOutcomeAndError() {
        WorkerCrashedException crash = new WorkerCrashedException(new CrashReport("pdf", 42, CrashCause.SIGNAL, null,
                "SIGKILL", null, "killed", List.of(), Instant.now()));
        this.context.begin("pdf").end(CallOutcome.CRASH, crash);
        assertThat(this.registry).hasObservationWithNameEqualTo("tarnish.call")
            .that()
            .hasLowCardinalityKeyValue("outcome", "crash")
            .assertThatError()
            .isSameAs(crash);
        assertThat(this.tracer.onlySpan().getError()).isSameAs(crash);
    }

    @Test
    void workerSideShouldObserveTheRunInScopeOnlyWhenTheCallCarriedHeaders() {
        CallContext.Scope untraced = this.context.enter("pdf", Map.of());
        assertThat(this.registry.getCurrentObservation()).isNull();
        untraced.close();
        assertThat(this.registry).doesNotHaveAnyObservation();

        CallContext.Scope scope = this.context.enter("pdf", Map.of("traceparent", "00-1-2-01"));
        assertThat(this.registry.getCurrentObservation()).isNotNull()
            .satisfies((current) -> assertThat(current.getContext()).isInstanceOf(TarnishTaskContext.class));
        scope.close();
        assertThat(this.registry.getCurrentObservation()).isNull();
        assertThat(this.registry).hasObservationWithNameEqualTo("tarnish.task")
            .that()
            .hasContextualNameEqualTo("run pdf")
            .hasLowCardinalityKeyValue("task", "pdf")
            .hasBeenStopped();
    }

    /** A worker creates its context before its first call: the registry costs only a traced call. */
    @Test
    void registryShouldBeGotOnceAndOnlyForACallThatCarriesATrace() {
        AtomicInteger got = new AtomicInteger();
        ObservationCallContext lazy = new ObservationCallContext(() -> {
            got.incrementAndGet();
            return this.registry;
        }, null, null);
        lazy.enter("pdf", Map.of()).close();
        assertThat(got).as("an untraced call").hasValue(0);
        lazy.enter("pdf", Map.of("traceparent", "00-1-2-01")).close();
        lazy.enter("pdf", Map.of("traceparent", "00-1-3-01")).close();
        lazy.begin("pdf").end(CallOutcome.SUCCESS, null);
        assertThat(got).hasValue(1);
        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("tarnish.task", 2)
            .hasNumberOfObservationsWithNameEqualTo("tarnish.call", 1);
    }

    @Test
    void workerSideShouldRecordWhatTheTaskThrew() {
        IllegalStateException thrown = new IllegalStateException("task failed");
        CallContext.Scope scope = this.context.enter("pdf", Map.of("traceparent", "00-1-2-01"));
        scope.error(thrown);
        scope.close();
        assertThat(this.registry).hasObservationWithNameEqualTo("tarnish.task")
            .that()
            .assertThatError()
            .isSameAs(thrown);
    }

    @Test
    void customConventionShouldRenameTheCall() {
        ObservationCallContext renamed = new ObservationCallContext(this.registry, new TarnishCallObservationConvention() {
            @Override
            public String getName() {
                return "isolated.call";
            }
        }, null);
        renamed.begin("pdf").end(CallOutcome.TIMEOUT, null);
        assertThat(this.registry).hasObservationWithNameEqualTo("isolated.call")
            .that()
            .hasLowCardinalityKeyValue("outcome", "timeout");
    }
}
