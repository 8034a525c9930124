package dev.tarnish.spring.logging;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.tarnish.WorkerOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs what workers print in the application, through SLF4J. A line of the worker's structured
 * console log (Spring Boot's logstash format, which worker mode sets) becomes an event of the
 * application at the worker's level, under the worker's logger, with the worker's message and stack
 * trace and its markers; any other line (the JVM's own messages, {@code System.out}, native code) is
 * logged under {@code dev.tarnish.worker.<task>}, at {@code INFO} from standard output and
 * {@code WARN} from standard error.
 *
 * <p>Both carry MDC entries {@value #TASK} and {@value #PID}, and an event also the worker's MDC and
 * key-value pairs and {@value #THREAD}, so that Spring Boot's structured logging writes them as fields;
 * the caller's MDC is put back afterwards. MDC rather than key-value pairs: every logging system and
 * every layout reads the MDC, and Spring Boot's formats write both as the same fields anyway.
 *
 * <p>Thread-safe: drains of several workers call it at once.
 */
final class StructuredWorkerOutput implements WorkerOutput {

    /** MDC key of the task's name. */
    static final String TASK = "tarnish.task";

    /** MDC key of the worker's pid. */
    static final String PID = "tarnish.worker.pid";

    /** MDC key of the name of the worker's thread that logged the event. */
    static final String THREAD = "tarnish.worker.thread";

    private final JsonMapper json = JsonMapper.builder().build();

    private final StructuredLogNames names;

    StructuredWorkerOutput(StructuredLogNames names) {
        this.names = names;
    }

    @Override
    public void line(String taskName, long pid, Source source, String line) {
        WorkerLogEvent event = WorkerLogEvent.read(this.json, line, this.names);
        if (event != null) {
            Logger logger = LoggerFactory.getLogger(event.logger());
            if (logger.isEnabledForLevel(event.level())) {
                Map<String, String> context = new HashMap<>(event.fields());
                if (event.thread() != null) {
                    context.put(THREAD, event.thread());
                }
                log(logger, event.level(), taskName, pid, context, (builder) -> {
                    event.tags().forEach((tag) -> builder.addMarker(MarkerFactory.getMarker(tag)));
                    builder.log(event.message());
                });
            }
            return;
        }
        Logger logger = LoggerFactory.getLogger("dev.tarnish.worker." + taskName);
        Level level = (source == Source.STDERR) ? Level.WARN : Level.INFO;
        if (logger.isEnabledForLevel(level)) {
            log(logger, level, taskName, pid, new HashMap<>(), (builder) -> builder.log(line));
        }
    }

    private static void log(Logger logger, Level level, String taskName, long pid, Map<String, String> context,
            Consumer<LoggingEventBuilder> logging) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        if (previous != null) {
            previous.forEach(context::putIfAbsent);
        }
        context.put(TASK, taskName);
        context.put(PID, Long.toString(pid));
        MDC.setContextMap(context);
        try {
            logging.accept(logger.atLevel(level));
        }
        finally {
            if (previous != null) {
                MDC.setContextMap(previous);
            }
            else {
                MDC.clear();
            }
        }
    }
}
