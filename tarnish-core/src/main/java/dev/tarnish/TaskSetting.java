package dev.tarnish;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings of a task, each with its built-in default: the names that {@link TaskSettings},
 * {@link PartialTaskSettings} and {@link InvalidTaskSettingException} share, so that an integration
 * maps a setting to its own configuration key without parsing messages.
 */
public enum TaskSetting {

    /** {@link TaskSettings#workers()}. */
    WORKERS(1),

    /** {@link TaskSettings#callTimeout()}. */
    CALL_TIMEOUT(null),

    /** {@link TaskSettings#shutdownTimeout()}. */
    SHUTDOWN_TIMEOUT(Duration.ofSeconds(5)),

    /** {@link TaskSettings#maxCallsPerWorker()}. */
    MAX_CALLS_PER_WORKER(null),

    /** {@link TaskSettings#jvmArgs()}. */
    JVM_ARGS(List.of()),

    /** {@link TaskSettings#startupTimeout()}. */
    STARTUP_TIMEOUT(Duration.ofSeconds(60)),

    /** {@link TaskSettings#acquireTimeout()}. */
    ACQUIRE_TIMEOUT(Duration.ofSeconds(30)),

    /** {@link TaskSettings#maxFrameSize()}. */
    MAX_FRAME_SIZE(TaskSettings.DEFAULT_MAX_FRAME_SIZE),

    /** {@link TaskSettings#restartBackoff()}. */
    RESTART_BACKOFF(Duration.ofMillis(250)),

    /** {@link TaskSettings#maxRestartBackoff()}. */
    MAX_RESTART_BACKOFF(Duration.ofSeconds(10)),

    /** {@link TaskSettings#crashLoopThreshold()}. */
    CRASH_LOOP_THRESHOLD(5),

    /** {@link TaskSettings#standby()}. */
    STANDBY(0),

    /** {@link TaskSettings#leanJvm()}. */
    LEAN_JVM(true),

    /** {@link TaskSettings#classDataSharing()}. */
    CLASS_DATA_SHARING(true),

    /** {@link TaskSettings#maxQueuedCalls()}. */
    MAX_QUEUED_CALLS(null),

    /** {@link TaskSettings#retries()}. */
    RETRIES(0),

    /** {@link TaskSettings#retryOnTimeout()}. */
    RETRY_ON_TIMEOUT(false),

    /** {@link TaskSettings#poisonThreshold()}. */
    POISON_THRESHOLD(3),

    /** {@link TaskSettings#poisonTtl()}. */
    POISON_TTL(Duration.ofHours(1)),

    /** {@link TaskSettings#commandPrefix()}. */
    COMMAND_PREFIX(List.of()),

    /** {@link TaskSettings#healthCheckInterval()}. */
    HEALTH_CHECK_INTERVAL(Duration.ofSeconds(30)),

    /** {@link TaskSettings#maxWorkerMemory()}. */
    MAX_WORKER_MEMORY(null);

    private final Object defaultValue;

    TaskSetting(Object defaultValue) {
        this.defaultValue = defaultValue;
    }

    /**
     * Returns the built-in default.
     *
     * @return the default, {@code null} for "none" (no timeout, no bound)
     */
    public Object defaultValue() {
        return this.defaultValue;
    }

    /**
     * Returns the name as in {@link TaskSettings}' accessors, such as {@code acquireTimeout}.
     *
     * @return the name
     */
    public String javaName() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return camel.toString();
    }

    /**
     * Returns the name as in configuration keys, such as {@code acquire-timeout}.
     *
     * @return the name
     */
    public String propertyName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
