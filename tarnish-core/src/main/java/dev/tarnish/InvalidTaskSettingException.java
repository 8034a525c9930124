package dev.tarnish;

/**
 * A task setting has a value out of its range. Names the setting and, when the value came from a
 * merge of {@link PartialTaskSettings}, the partial settings it came from, so that an integration can
 * tell the user which of its own keys to fix.
 */
public class InvalidTaskSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final TaskSetting setting;

    private final transient Object value;

    private final String reason;

    private final transient PartialTaskSettings source;

    /**
     * Creates an exception.
     *
     * @param setting the setting
     * @param value the bad value
     * @param reason what is wrong, such as {@code must be at least 1}
     * @param source the partial settings the value came from, or {@code null}
     */
    public InvalidTaskSettingException(TaskSetting setting, Object value, String reason, PartialTaskSettings source) {
        super(setting.javaName() + " " + reason + ", was " + value);
        this.setting = setting;
        this.value = value;
        this.reason = reason;
        this.source = source;
    }

    /**
     * Returns the setting.
     *
     * @return the setting
     */
    public TaskSetting getSetting() {
        return this.setting;
    }

    /**
     * Returns the bad value.
     *
     * @return the value
     */
    public Object getValue() {
        return this.value;
    }

    /**
     * Returns what is wrong with the value, without the setting's name.
     *
     * @return the reason, such as {@code must be at least 1}
     */
    public String getReason() {
        return this.reason;
    }

    /**
     * Returns the partial settings the value came from.
     *
     * @return the source, or {@code null} when the value was given directly
     */
    public PartialTaskSettings getSource() {
        return this.source;
    }

    InvalidTaskSettingException from(PartialTaskSettings source) {
        InvalidTaskSettingException located = new InvalidTaskSettingException(this.setting, this.value, this.reason,
                source);
        located.setStackTrace(getStackTrace());
        return located;
    }
}
