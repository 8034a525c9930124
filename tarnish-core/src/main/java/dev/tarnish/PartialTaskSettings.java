package dev.tarnish;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Some of a task's settings, from one source: a configuration file's per-task section, an
 * annotation, the defaults of all tasks. {@link TaskSettings#merge} combines several, highest first.
 * A setting is either not set here, or set, where {@code null} means "none" for the settings that
 * allow it (no call timeout, no recycling, no bound on waiting calls). Values are checked when the
 * settings are merged. Not thread-safe.
 */
public final class PartialTaskSettings {

    private final Map<TaskSetting, Object> values = new EnumMap<>(TaskSetting.class);

    /**
     * Tells whether a setting is set here.
     *
     * @param setting the setting
     * @return whether it is set, to a value or to none
     */
    public boolean isSet(TaskSetting setting) {
        return this.values.containsKey(setting);
    }

    /**
     * Returns the value of a setting that is set here.
     *
     * @param setting the setting
     * @return the value, {@code null} for none
     */
    public Object get(TaskSetting setting) {
        return this.values.get(setting);
    }

    /**
     * See {@link TaskSettings#workers()}.
     *
     * @param workers at least 1
     * @return this
     */
    public PartialTaskSettings workers(int workers) {
        return set(TaskSetting.WORKERS, workers);
    }

    /**
     * See {@link TaskSettings#callTimeout()}.
     *
     * @param callTimeout a positive duration, or {@code null} for none
     * @return this
     */
    public PartialTaskSettings callTimeout(Duration callTimeout) {
        return set(TaskSetting.CALL_TIMEOUT, callTimeout);
    }

    /**
     * See {@link TaskSettings#shutdownTimeout()}.
     *
     * @param shutdownTimeout a duration, zero to kill at once
     * @return this
     */
    public PartialTaskSettings shutdownTimeout(Duration shutdownTimeout) {
        return set(TaskSetting.SHUTDOWN_TIMEOUT, Objects.requireNonNull(shutdownTimeout, "shutdownTimeout"));
    }

    /**
     * See {@link TaskSettings#maxCallsPerWorker()}.
     *
     * @param maxCallsPerWorker at least 1, or {@code null} for never
     * @return this
     */
    public PartialTaskSettings maxCallsPerWorker(Integer maxCallsPerWorker) {
        return set(TaskSetting.MAX_CALLS_PER_WORKER, maxCallsPerWorker);
    }

    /**
     * See {@link TaskSettings#jvmArgs()}.
     *
     * @param jvmArgs the options, such as {@code -Xmx256m}
     * @return this
     */
    public PartialTaskSettings jvmArgs(List<String> jvmArgs) {
        return set(TaskSetting.JVM_ARGS, List.copyOf(jvmArgs));
    }

    /**
     * See {@link TaskSettings#startupTimeout()}.
     *
     * @param startupTimeout a positive duration
     * @return this
     */
    public PartialTaskSettings startupTimeout(Duration startupTimeout) {
        return set(TaskSetting.STARTUP_TIMEOUT, Objects.requireNonNull(startupTimeout, "startupTimeout"));
    }

    /**
     * See {@link TaskSettings#acquireTimeout()}.
     *
     * @param acquireTimeout a duration, zero to fail at once when no worker is free
     * @return this
     */
    public PartialTaskSettings acquireTimeout(Duration acquireTimeout) {
        return set(TaskSetting.ACQUIRE_TIMEOUT, Objects.requireNonNull(acquireTimeout, "acquireTimeout"));
    }

    /**
     * See {@link TaskSettings#maxFrameSize()}.
     *
     * @param maxFrameSize bytes, at least 1024
     * @return this
     */
    public PartialTaskSettings maxFrameSize(int maxFrameSize) {
        return set(TaskSetting.MAX_FRAME_SIZE, maxFrameSize);
    }

    /**
     * See {@link TaskSettings#restartBackoff()}.
     *
     * @param restartBackoff a duration
     * @return this
     */
    public PartialTaskSettings restartBackoff(Duration restartBackoff) {
        return set(TaskSetting.RESTART_BACKOFF, Objects.requireNonNull(restartBackoff, "restartBackoff"));
    }

    /**
     * See {@link TaskSettings#maxRestartBackoff()}.
     *
     * @param maxRestartBackoff a duration
     * @return this
     */
    public PartialTaskSettings maxRestartBackoff(Duration maxRestartBackoff) {
        return set(TaskSetting.MAX_RESTART_BACKOFF, Objects.requireNonNull(maxRestartBackoff, "maxRestartBackoff"));
    }

    /**
     * See {@link TaskSettings#crashLoopThreshold()}.
     *
     * @param crashLoopThreshold at least 1
     * @return this
     */
    public PartialTaskSettings crashLoopThreshold(int crashLoopThreshold) {
        return set(TaskSetting.CRASH_LOOP_THRESHOLD, crashLoopThreshold);
    }

    /**
     * See {@link TaskSettings#standby()}.
     *
     * @param standby zero or more
     * @return this
     */
    public PartialTaskSettings standby(int standby) {
        return set(TaskSetting.STANDBY, standby);
    }

    /**
     * See {@link TaskSettings#leanJvm()}.
     *
     * @param leanJvm whether workers get the lean JVM defaults
     * @return this
     */
    public PartialTaskSettings leanJvm(boolean leanJvm) {
        return set(TaskSetting.LEAN_JVM, leanJvm);
    }

    /**
     * See {@link TaskSettings#classDataSharing()}.
     *
     * @param classDataSharing whether workers train and reuse a class-data-sharing archive
     * @return this
     */
    public PartialTaskSettings classDataSharing(boolean classDataSharing) {
        return set(TaskSetting.CLASS_DATA_SHARING, classDataSharing);
    }

    /**
     * See {@link TaskSettings#maxQueuedCalls()}.
     *
     * @param maxQueuedCalls zero or more, or {@code null} for no bound
     * @return this
     */
    public PartialTaskSettings maxQueuedCalls(Integer maxQueuedCalls) {
        return set(TaskSetting.MAX_QUEUED_CALLS, maxQueuedCalls);
    }

    /**
     * See {@link TaskSettings#retries()}.
     *
     * @param retries zero or more
     * @return this
     */
    public PartialTaskSettings retries(int retries) {
        return set(TaskSetting.RETRIES, retries);
    }

    /**
     * See {@link TaskSettings#retryOnTimeout()}.
     *
     * @param retryOnTimeout whether a call that timed out is retried too
     * @return this
     */
    public PartialTaskSettings retryOnTimeout(boolean retryOnTimeout) {
        return set(TaskSetting.RETRY_ON_TIMEOUT, retryOnTimeout);
    }

    /**
     * See {@link TaskSettings#poisonThreshold()}.
     *
     * @param poisonThreshold zero (off) or more
     * @return this
     */
    public PartialTaskSettings poisonThreshold(int poisonThreshold) {
        return set(TaskSetting.POISON_THRESHOLD, poisonThreshold);
    }

    /**
     * See {@link TaskSettings#poisonTtl()}.
     *
     * @param poisonTtl a positive duration
     * @return this
     */
    public PartialTaskSettings poisonTtl(Duration poisonTtl) {
        return set(TaskSetting.POISON_TTL, Objects.requireNonNull(poisonTtl, "poisonTtl"));
    }

    /**
     * See {@link TaskSettings#commandPrefix()}.
     *
     * @param commandPrefix the wrapper command and its arguments, such as {@code nice, -n, 10}
     * @return this
     */
    public PartialTaskSettings commandPrefix(List<String> commandPrefix) {
        return set(TaskSetting.COMMAND_PREFIX, List.copyOf(commandPrefix));
    }

    /**
     * See {@link TaskSettings#healthCheckInterval()}.
     *
     * @param healthCheckInterval a duration, zero for no health checks
     * @return this
     */
    public PartialTaskSettings healthCheckInterval(Duration healthCheckInterval) {
        return set(TaskSetting.HEALTH_CHECK_INTERVAL, Objects.requireNonNull(healthCheckInterval,
                "healthCheckInterval"));
    }

    /**
     * See {@link TaskSettings#maxWorkerMemory()}.
     *
     * @param maxWorkerMemory bytes, at least 1 MiB, or {@code null} for no limit
     * @return this
     */
    public PartialTaskSettings maxWorkerMemory(Long maxWorkerMemory) {
        return set(TaskSetting.MAX_WORKER_MEMORY, maxWorkerMemory);
    }

    private PartialTaskSettings set(TaskSetting setting, Object value) {
        this.values.put(setting, value);
        return this;
    }

    @Override
    public String toString() {
        return "PartialTaskSettings" + this.values;
    }
}
