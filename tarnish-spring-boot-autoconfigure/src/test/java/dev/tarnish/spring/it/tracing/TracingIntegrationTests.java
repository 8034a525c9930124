package dev.tarnish.spring.it.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tarnish.IsolatedProcess;
import dev.tarnish.spring.it.tracing.TracingApplication.Seen;
import dev.tarnish.spring.it.tracing.TracingApplication.SpanRecorder;
import dev.tarnish.spring.it.tracing.TracingApplication.SpanRecorder.Recorded;
import dev.tarnish.spring.it.tracing.TracingApplication.TracedTask;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A call traced with the Brave bridge, end to end with a real worker: the {@code tarnish.call} span is
 * a child of the caller's, the worker's span a child of it in the same trace, and the worker's log
 * line, forwarded into this JVM's logging, carries the same trace id.
 */
@SpringBootTest(classes = TracingApplication.class, properties = { "management.tracing.sampling.probability=1.0",
        "tarnish.defaults.jvm-args=-Xmx128m" })
class TracingIntegrationTests {

    @Autowired
    private IsolatedProcess<TracedTask> traced;

    @Autowired
    private ObservationRegistry registry;

    @Autowired
    private Tracer tracer;

    @Autowired
    private SpanRecorder recorder;

    @Test
    void workerShouldRunInTheCallersTraceAsAChildOfTheCallSpan() {
        ListAppender<ILoggingEvent> forwarded = new ListAppender<>();
        forwarded.start();
        Logger taskLogger = (Logger) LoggerFactory.getLogger(TracedTask.class);
        taskLogger.addAppender(forwarded);
        try {
            Observation observation = Observation.start("test.request", this.registry);
            String[] request = new String[2];
            Seen seen;
            try {
                seen = observation.scoped(() -> {
                    request[0] = this.tracer.currentSpan().context().traceId();
                    request[1] = this.tracer.currentSpan().context().spanId();
                    return this.traced.call("order-7");
                });
            }
            finally {
                observation.stop();
            }
            String traceId = request[0];
            String requestSpanId = request[1];
            assertThat(seen.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(seen.traceId()).as("the worker's span").isEqualTo(traceId);
            assertThat(seen.mdcTraceId()).as("the worker's MDC").isEqualTo(traceId);
            Recorded call = this.recorder.spans.stream().filter((span) -> "call traced".equals(span.name()))
                .filter((span) -> traceId.equals(span.traceId()))
                .findFirst()
                .orElseThrow();
            assertThat(call.parentId()).isEqualTo(requestSpanId);
            assertThat(seen.parentId()).as("the worker's span's parent").isEqualTo(call.id());
            assertThat(call.tags()).containsEntry("task", "traced").containsEntry("outcome", "success");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(forwarded.list)
                .filteredOn((event) -> event.getFormattedMessage().equals("working on order-7"))
                .singleElement()
                .satisfies((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("traceId", traceId)
                    .containsEntry("tarnish.task", "traced")
                    .containsEntry("tarnish.worker.pid", Long.toString(seen.pid()))));
        }
        finally {
            taskLogger.detachAppender(forwarded);
        }
    }
}
