package dev.tarnish.spring.logging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.event.Level;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One log event of a worker, read back from the line its console log wrote in Spring Boot's
 * logstash format ({@code logging.structured.format.console=logstash}, which worker mode sets).
 *
 * @param level the event's level
 * @param logger the name of the worker's logger
 * @param thread the name of the worker's thread, or {@code null}
 * @param message the message, with the stack trace of the event's exception, if any, on the lines after it
 * @param fields the other members of the event, as text: the worker's MDC and SLF4J key-value pairs
 * @param tags the names of the event's markers
 */
record WorkerLogEvent(Level level, String logger, String thread, String message, Map<String, String> fields,
        List<String> tags) {

    /** The members of the logstash format that are not the worker's MDC or key-value pairs. */
    private static final Set<String> FORMAT_MEMBERS = Set.of("@timestamp", "@version", "message", "logger_name",
            "thread_name", "level", "level_value", "tags", "stack_trace");

    /**
     * Reads a line as an event.
     *
     * @param json the mapper
     * @param line the line the worker printed
     * @param names how the application renamed and added members of its structured log
     * @return the event, or {@code null} when the line is no event of the worker's structured log
     * (plain text, a JSON value of something else, a line cut short)
     */
    static WorkerLogEvent read(JsonMapper json, String line, StructuredLogNames names) {
        if (!line.startsWith("{") || !line.endsWith("}")) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(line);
        }
        catch (JacksonException ex) {
            return null;
        }
        Map<String, JsonNode> members = new LinkedHashMap<>();
        node.properties().forEach((member) -> {
            if (!names.added().contains(member.getKey())) {
                members.put(names.original(member.getKey()), member.getValue());
            }
        });
        Level level = level(members.get("level"));
        JsonNode message = members.get("message");
        JsonNode logger = members.get("logger_name");
        if (level == null || message == null || logger == null || !logger.isString()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        members.forEach((name, value) -> {
            if (!FORMAT_MEMBERS.contains(name) && !value.isNull()) {
                fields.put(name, text(value));
            }
        });
        JsonNode stackTrace = members.get("stack_trace");
        String text = (stackTrace == null || stackTrace.isNull()) ? text(message)
                : text(message) + System.lineSeparator() + text(stackTrace);
        JsonNode thread = members.get("thread_name");
        JsonNode tags = members.get("tags");
        return new WorkerLogEvent(level, logger.asString(), (thread != null && thread.isString()) ? thread.asString() : null,
                text, fields, (tags != null && tags.isArray()) ? tags.valueStream().map(WorkerLogEvent::text).toList()
                        : List.of());
    }

    /** Logback's levels, and Log4j2's (its FATAL is an ERROR to SLF4J). */
    private static Level level(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        return switch (node.asString()) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> null;
        };
    }

    /** A string as it is, any other value as JSON: MDC values are strings. */
    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : node.toString();
    }
}
