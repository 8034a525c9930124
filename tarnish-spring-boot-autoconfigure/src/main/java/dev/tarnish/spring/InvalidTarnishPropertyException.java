package dev.tarnish.spring;

/**
 * A tarnish setting has a value that cannot be used: out of range, malformed, or a
 * {@code tarnish.tasks.<name>} entry that names no task. Thrown at start-up; the failure analysis
 * names the key to fix.
 */
public class InvalidTarnishPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    private final transient Object value;

    private final String reason;

    /**
     * Creates an exception.
     * @param key where the value was set: a property key such as {@code tarnish.tasks.pdf.workers},
     *     or an annotation attribute such as {@code @TarnishTask(callTimeout) on com.example.Pdf}
     * @param value the value, or {@code null} when the key itself is wrong
     * @param reason what is wrong with it
     */
    public InvalidTarnishPropertyException(String key, Object value, String reason) {
        super(buildMessage(key, value, reason));
        this.key = key;
        this.value = value;
        this.reason = reason;
    }

    private static String buildMessage(String key, Object value, String reason) {
        return (value != null) ? "Invalid value '" + value + "' for '" + key + "': " + reason
                : "Invalid tarnish setting '" + key + "': " + reason;
    }

    /**
     * Returns where the bad value was set.
     * @return the property key or annotation attribute
     */
    public String getKey() {
        return this.key;
    }

    /**
     * Returns the bad value.
     * @return the value, or {@code null} when the key itself is wrong
     */
    public Object getValue() {
        return this.value;
    }

    /**
     * Returns what is wrong with the value.
     * @return the reason
     */
    public String getReason() {
        return this.reason;
    }
}
