package dev.tarnish;

import java.util.List;

/**
 * The input crashed {@code poison-threshold} workers within {@code poison-ttl}, and was refused
 * without being sent: another worker would most likely have crashed on it too. The earlier crash
 * reports say how those workers died. Other inputs are served as usual; the quarantine ends when its
 * crashes are older than {@code poison-ttl}, or when the process is restarted.
 */
public class PoisonInputException extends TarnishException {

    private static final long serialVersionUID = 1L;

    private final transient List<CrashReport> crashes;

    /**
     * Creates an exception.
     *
     * @param taskName the task's name
     * @param crashes the crashes this input caused, oldest first
     */
    public PoisonInputException(String taskName, List<CrashReport> crashes) {
        super(taskName, -1, "Task '" + taskName + "': this input crashed " + crashes.size() + " workers"
                + (crashes.isEmpty() ? "" : ", the last: " + crashes.get(crashes.size() - 1).describe())
                + "; it is refused without starting another crash", null);
        this.crashes = List.copyOf(crashes);
    }

    /**
     * Returns the crashes this input caused.
     *
     * @return their reports, oldest first
     */
    public List<CrashReport> getCrashes() {
        return this.crashes;
    }
}
