package dev.tarnish.spring.it.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application traced with Brave, whose task logs and reports the span it runs in. */
@SpringBootApplication
public class TracingApplication {

    @Bean
    SpanRecorder spanRecorder() {
        return new SpanRecorder();
    }

    /** Keeps every finished span of this JVM. */
    public static class SpanRecorder extends SpanHandler {

        final List<Recorded> spans = new CopyOnWriteArrayList<>();

        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            Map<String, String> tags = new java.util.HashMap<>();
            span.forEachTag((map, key, value) -> {
                map.put(key, value);
            }, tags);
            this.spans.add(new Recorded(span.name(), span.traceId(), span.id(), span.parentId(), tags));
            return true;
        }

        /**
         * A finished span.
         * @param name its name
         * @param traceId its trace
         * @param id its id
         * @param parentId its parent's id
         * @param tags its tags
         */
        public record Recorded(String name, String traceId, String id, String parentId, Map<String, String> tags) {
        }
    }

    /** Logs a line and returns what span and MDC it ran under, in its worker. */
    @TarnishTask(name = "traced")
    public static class TracedTask implements Task<String, Seen> {

        private static final Logger logger = LoggerFactory.getLogger(TracedTask.class);

        private final Tracer tracer;

        TracedTask(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public Seen run(String input) {
            logger.warn("working on {}", input);
            Span span = this.tracer.currentSpan();
            if (span == null) {
                return new Seen(null, null, null, MDC.get("traceId"), ProcessHandle.current().pid());
            }
            return new Seen(span.context().traceId(), span.context().spanId(), span.context().parentId(),
                    MDC.get("traceId"), ProcessHandle.current().pid());
        }
    }

    /**
     * What the task saw.
     * @param traceId the trace of its span
     * @param spanId its span
     * @param parentId its span's parent
     * @param mdcTraceId the trace id in its MDC
     * @param pid its process
     */
    public record Seen(String traceId, String spanId, String parentId, String mdcTraceId, long pid) {
    }
}
