package dev.tarnish.spring.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tarnish.WorkerOutput.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * How a worker's line is logged again in the application: an event of the worker's structured log
 * at its level, under its logger, with its MDC; anything else as plain output of the task; both with
 * the task's name and the worker's pid in the MDC, and the caller's MDC as it was afterwards.
 */
class StructuredWorkerOutputTests {

    /** A line as a Spring Boot 4 worker writes it with {@code logging.structured.format.console=logstash}. */
    private static final String WARNING = """
            {"@timestamp":"2026-05-01T10:00:00.123+02:00","@version":"1","message":"disk {} almost full",\
            "logger_name":"com.example.Pdf","thread_name":"tarnish-call","level":"WARN","level_value":30000,\
            "traceId":"4bf92f3577b34da6","attempt":2}""";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private final StructuredWorkerOutput output = new StructuredWorkerOutput(StructuredLogNames.NONE);

    @BeforeEach
    void attach() {
        this.appender.start();
        this.root.addAppender(this.appender);
    }

    @AfterEach
    void detach() {
        this.root.detachAppender(this.appender);
        MDC.clear();
    }

    @Test
    void whenTheLineIsAnEventShouldLogItAtItsLevelUnderItsLoggerWithTaskPidAndItsMdc() {
        this.output.line("pdf", 4711, Source.STDOUT, WARNING);
        ILoggingEvent event = single();
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getLoggerName()).isEqualTo("com.example.Pdf");
        assertThat(event.getFormattedMessage()).isEqualTo("disk {} almost full");
        assertThat(event.getMDCPropertyMap()).containsExactlyInAnyOrderEntriesOf(Map.of("tarnish.task", "pdf",
                "tarnish.worker.pid", "4711", "tarnish.worker.thread", "tarnish-call", "traceId", "4bf92f3577b34da6",
                "attempt", "2"));
    }

    @Test
    void whenTheEventHasAStackTraceShouldKeepItWithTheMessage() {
        this.output.line("pdf", 4711, Source.STDOUT, """
                {"@timestamp":"2026-05-01T10:00:00.123+02:00","@version":"1","message":"render failed",\
                "logger_name":"com.example.Pdf","thread_name":"main","level":"ERROR","level_value":40000,\
                "tags":["AUDIT"],"stack_trace":"java.lang.IllegalStateException: broken\\n\\tat com.example.Pdf.run(Pdf.java:12)\\n"}""");
        ILoggingEvent event = single();
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).isEqualTo("render failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: broken\n\tat com.example.Pdf.run(Pdf.java:12)\n");
        assertThat(event.getMarkerList()).extracting(Marker::getName).containsExactly("AUDIT");
        assertThat(event.getMDCPropertyMap()).doesNotContainKeys("stack_trace", "tags", "level_value", "@version");
    }

    @Test
    void whenTheLineIsPlainTextShouldLogItAsOutputOfTheTaskByItsStream() {
        this.output.line("pdf", 4711, Source.STDOUT, "# SIGSEGV (0xb) at pc=0x00007f");
        this.output.line("pdf", 4711, Source.STDERR, "OpenJDK 64-Bit Server VM warning: Options ...");
        assertThat(this.appender.list).extracting(ILoggingEvent::getLoggerName, ILoggingEvent::getLevel,
                ILoggingEvent::getFormattedMessage)
            .containsExactly(tuple("dev.tarnish.worker.pdf", Level.INFO, "# SIGSEGV (0xb) at pc=0x00007f"),
                    tuple("dev.tarnish.worker.pdf", Level.WARN, "OpenJDK 64-Bit Server VM warning: Options ..."));
        assertThat(this.appender.list).allSatisfy((event) -> assertThat(event.getMDCPropertyMap())
            .containsExactlyInAnyOrderEntriesOf(Map.of("tarnish.task", "pdf", "tarnish.worker.pid", "4711")));
    }

    @Test
    void whenTheLineIsMalformedOrOtherJsonShouldLogItAsItIs() {
        List<String> lines = List.of(WARNING.substring(0, 80) + "}", "{\"status\":\"ok\"}",
                "{\"message\":\"no level\",\"logger_name\":\"x\"}",
                "{\"message\":\"odd level\",\"logger_name\":\"x\",\"level\":\"LOUD\"}");
        lines.forEach((line) -> this.output.line("pdf", 4711, Source.STDOUT, line));
        assertThat(this.appender.list).extracting(ILoggingEvent::getLoggerName).containsOnly("dev.tarnish.worker.pdf");
        assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactlyElementsOf(lines);
    }

    @Test
    void whenTheCallerHasAnMdcShouldKeepItInTheEventAndPutItBackAfterwards() {
        MDC.put("caller", "drain");
        MDC.put("traceId", "the caller's");
        this.output.line("pdf", 4711, Source.STDOUT, WARNING);
        this.output.line("pdf", 4711, Source.STDOUT, "plain");
        assertThat(this.appender.list.get(0).getMDCPropertyMap()).containsEntry("caller", "drain")
            .containsEntry("traceId", "4bf92f3577b34da6");
        assertThat(this.appender.list.get(1).getMDCPropertyMap()).containsEntry("caller", "drain")
            .containsEntry("traceId", "the caller's");
        assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("caller", "drain", "traceId", "the caller's"));
    }

    @Test
    void whenNoMdcWasSetShouldLeaveNoneBehind() {
        this.output.line("pdf", 4711, Source.STDOUT, WARNING);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void whenTheApplicationRenamesAndAddsMembersShouldReadTheWorkersEventBack() {
        StructuredWorkerOutput renaming = new StructuredWorkerOutput(
                new StructuredLogNames(Map.of("msg", "message", "logger", "logger_name"), Set.of("environment")));
        renaming.line("pdf", 4711, Source.STDOUT, """
                {"@timestamp":"2026-05-01T10:00:00.123+02:00","msg":"renamed","logger":"com.example.Pdf",\
                "level":"INFO","environment":"prod","traceId":"abc"}""");
        ILoggingEvent event = single();
        assertThat(event.getLoggerName()).isEqualTo("com.example.Pdf");
        assertThat(event.getFormattedMessage()).isEqualTo("renamed");
        assertThat(event.getMDCPropertyMap()).containsEntry("traceId", "abc").doesNotContainKey("environment");
    }

    @Test
    void whenTheLevelIsOffForTheLoggerShouldLogNothing() {
        Logger logger = (Logger) LoggerFactory.getLogger("com.example.Quiet");
        logger.setLevel(Level.ERROR);
        try {
            this.output.line("pdf", 4711, Source.STDOUT, WARNING.replace("com.example.Pdf", "com.example.Quiet"));
            assertThat(this.appender.list).isEmpty();
        }
        finally {
            logger.setLevel(null);
        }
    }

    private ILoggingEvent single() {
        assertThat(this.appender.list).hasSize(1);
        return this.appender.list.get(0);
    }
}
