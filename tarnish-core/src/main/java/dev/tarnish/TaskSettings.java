package dev.tarnish;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a task's workers are run and supervised. Immutable; build one with {@link #builder()}, which
 * starts from the defaults listed on each accessor ({@link TaskSetting#defaultValue()}), or merge
 * {@link PartialTaskSettings} from several sources with {@link #merge}. A value out of range fails
 * with an {@link InvalidTaskSettingException} that names the setting.
 *
 * @param workers how many workers serve calls concurrently, at least 1 (default 1)
 * @param callTimeout the default timeout of a call, or {@code null} for none (default none)
 * @param shutdownTimeout how long a worker is given to stop after the shutdown message before it is
 *     killed (default 5 s)
 * @param maxCallsPerWorker recycle a worker gracefully after this many calls, or {@code null} for
 *     never (default never): its replacement is started then, and it serves until that is ready
 * @param jvmArgs extra JVM options for the workers, after the inherited ones so they win (such as
 *     {@code -Xmx256m})
 * @param startupTimeout how long a worker may take from spawn to ready before it is killed
 *     (default 60 s)
 * @param acquireTimeout how long a caller waits for an idle worker (default 30 s)
 * @param maxFrameSize the largest message accepted on the channel in either direction, in bytes
 *     (default 64 MiB)
 * @param restartBackoff the first delay before a worker that died during start-up is started again;
 *     it doubles on every further failure in a row (default 250 ms)
 * @param maxRestartBackoff the longest delay between start attempts (default 10 s)
 * @param crashLoopThreshold after this many start-up failures in a row the crash-loop breaker opens:
 *     while no worker runs, calls are rejected at once until one starts (default 5)
 * @param standby warm spare workers kept ready beyond {@code workers}, so that the call after a crash
 *     finds a started worker instead of waiting for one to start (default 0); they add no concurrency
 * @param leanJvm whether workers get lean JVM defaults before {@code jvmArgs}: the client compiler
 *     only ({@code -XX:TieredStopAtLevel=1}), the serial collector unless a collector is chosen, no
 *     perf data; faster start, less memory, lower peak speed of Java code (default true). Either way,
 *     unless the task or the application chooses a maximum heap, workers share half of the memory the
 *     JVM sees (the container's limit in a container): {@code -XX:MaxRAMPercentage=50/(workers +
 *     standby + 1)}, at most the JVM's own 25 %
 * @param classDataSharing whether workers train and reuse a class-data-sharing archive (JDK 17 to
 *     24: dynamic CDS, JDK 25 and later: the AOT cache), kept in {@code ~/.cache/tarnish/cds} per
 *     command line and class path (default true)
 * @param maxQueuedCalls how many calls may wait for a worker at once, or {@code null} for no bound
 *     (default none: a waiting call costs its encoded input, and no thread); a call beyond it fails at
 *     once with a {@link WorkerUnavailableException} of reason
 *     {@link WorkerUnavailableException.Reason#QUEUE_FULL}
 * @param retries how many more times a call whose worker crashed during it is run, each time on
 *     another worker (default 0: never); for idempotent tasks only. The exception of the last attempt
 *     carries those of the earlier ones as suppressed exceptions
 * @param retryOnTimeout whether a call that ran past its timeout is retried as well (default false)
 * @param poisonThreshold after this many workers crashed on the same input within {@code poisonTtl},
 *     the input is refused at once with a {@link PoisonInputException} instead of crashing another
 *     worker (default 3; 0 turns the quarantine off). Inputs are told apart by a digest of their
 *     encoded bytes
 * @param poisonTtl how long a crash counts towards quarantining its input (default 1 hour)
 * @param commandPrefix a command put in front of the worker's {@code java}, such as
 *     {@code nice -n 10}, {@code taskset -c 1} or {@code prlimit --nofile=4096} (default none). It
 *     must exec {@code java} rather than fork it: see {@link WorkerLaunchCustomizer}
 * @param healthCheckInterval how often idle workers are asked to answer at once (default 30 s; zero for
 *     never); one that does not answer within 5 s (a stopped, frozen or deadlocked worker) is killed
 *     and replaced, counted as a crash of cause {@link CrashCause#UNRESPONSIVE}. A worker in a call is
 *     never asked: that is the call timeout's job
 * @param maxWorkerMemory recycle a worker gracefully, as {@code maxCallsPerWorker} does, when its
 *     resident memory is above this many bytes after a call, or {@code null} for never (default never):
 *     against native libraries that leak. Read from {@code /proc}, so on Linux only
 */
public record TaskSettings(int workers, Duration callTimeout, Duration shutdownTimeout, Integer maxCallsPerWorker,
        List<String> jvmArgs, Duration startupTimeout, Duration acquireTimeout, int maxFrameSize,
        Duration restartBackoff, Duration maxRestartBackoff, int crashLoopThreshold, int standby, boolean leanJvm,
        boolean classDataSharing, Integer maxQueuedCalls, int retries, boolean retryOnTimeout, int poisonThreshold,
        Duration poisonTtl, List<String> commandPrefix, Duration healthCheckInterval, Long maxWorkerMemory) {

    /** The default largest message size: 64 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;

    /**
     * Checks every value.
     *
     * @throws InvalidTaskSettingException naming the setting whose value is out of range
     */
    public TaskSettings {
        atLeastOne(TaskSetting.WORKERS, workers);
        if (callTimeout != null) {
            positive(TaskSetting.CALL_TIMEOUT, callTimeout);
        }
        notNegative(TaskSetting.SHUTDOWN_TIMEOUT, shutdownTimeout);
        if (maxCallsPerWorker != null) {
            atLeastOne(TaskSetting.MAX_CALLS_PER_WORKER, maxCallsPerWorker);
        }
        jvmArgs = List.copyOf(Objects.requireNonNull(jvmArgs, "jvmArgs"));
        positive(TaskSetting.STARTUP_TIMEOUT, startupTimeout);
        notNegative(TaskSetting.ACQUIRE_TIMEOUT, acquireTimeout);
        check(maxFrameSize >= 1024, TaskSetting.MAX_FRAME_SIZE, maxFrameSize, "must be at least 1024 bytes");
        notNegative(TaskSetting.RESTART_BACKOFF, restartBackoff);
        notNegative(TaskSetting.MAX_RESTART_BACKOFF, maxRestartBackoff);
        atLeastOne(TaskSetting.CRASH_LOOP_THRESHOLD, crashLoopThreshold);
        check(standby >= 0, TaskSetting.STANDBY, standby, "must not be negative");
        if (maxQueuedCalls != null) {
            check(maxQueuedCalls >= 0, TaskSetting.MAX_QUEUED_CALLS, maxQueuedCalls, "must not be negative");
        }
        check(retries >= 0, TaskSetting.RETRIES, retries, "must not be negative");
        check(poisonThreshold >= 0, TaskSetting.POISON_THRESHOLD, poisonThreshold, "must not be negative");
        positive(TaskSetting.POISON_TTL, poisonTtl);
        commandPrefix = List.copyOf(Objects.requireNonNull(commandPrefix, "commandPrefix"));
        check(commandPrefix.stream().noneMatch(String::isBlank), TaskSetting.COMMAND_PREFIX, commandPrefix,
                "must not hold an empty word");
        notNegative(TaskSetting.HEALTH_CHECK_INTERVAL, healthCheckInterval);
        if (maxWorkerMemory != null) {
            check(maxWorkerMemory >= (1L << 20), TaskSetting.MAX_WORKER_MEMORY, maxWorkerMemory,
                    "must be at least 1 MiB (1048576 bytes)");
        }
    }

    /**
     * Returns a builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the defaults.
     *
     * @return the default settings
     */
    public static TaskSettings defaults() {
        return builder().build();
    }

    /**
     * Merges settings from several sources: each setting takes its value from the first source that
     * sets it, else its built-in default.
     *
     * @param highestFirst the sources, the one that wins first
     * @return the settings
     * @throws InvalidTaskSettingException naming the setting of the first bad value and the source
     *     it came from
     */
    public static TaskSettings merge(PartialTaskSettings... highestFirst) {
        Map<TaskSetting, Object> values = new EnumMap<>(TaskSetting.class);
        Map<TaskSetting, PartialTaskSettings> sources = new EnumMap<>(TaskSetting.class);
        for (TaskSetting setting : TaskSetting.values()) {
            values.put(setting, setting.defaultValue());
            for (PartialTaskSettings source : highestFirst) {
                if (source != null && source.isSet(setting)) {
                    values.put(setting, source.get(setting));
                    sources.put(setting, source);
                    break;
                }
            }
        }
        try {
            return new TaskSettings((Integer) values.get(TaskSetting.WORKERS),
                    (Duration) values.get(TaskSetting.CALL_TIMEOUT),
                    (Duration) values.get(TaskSetting.SHUTDOWN_TIMEOUT),
                    (Integer) values.get(TaskSetting.MAX_CALLS_PER_WORKER),
                    strings(values.get(TaskSetting.JVM_ARGS)),
                    (Duration) values.get(TaskSetting.STARTUP_TIMEOUT),
                    (Duration) values.get(TaskSetting.ACQUIRE_TIMEOUT),
                    (Integer) values.get(TaskSetting.MAX_FRAME_SIZE),
                    (Duration) values.get(TaskSetting.RESTART_BACKOFF),
                    (Duration) values.get(TaskSetting.MAX_RESTART_BACKOFF),
                    (Integer) values.get(TaskSetting.CRASH_LOOP_THRESHOLD),
                    (Integer) values.get(TaskSetting.STANDBY),
                    (Boolean) values.get(TaskSetting.LEAN_JVM),
                    (Boolean) values.get(TaskSetting.CLASS_DATA_SHARING),
                    (Integer) values.get(TaskSetting.MAX_QUEUED_CALLS),
                    (Integer) values.get(TaskSetting.RETRIES),
                    (Boolean) values.get(TaskSetting.RETRY_ON_TIMEOUT),
                    (Integer) values.get(TaskSetting.POISON_THRESHOLD),
                    (Duration) values.get(TaskSetting.POISON_TTL),
                    strings(values.get(TaskSetting.COMMAND_PREFIX)),
                    (Duration) values.get(TaskSetting.HEALTH_CHECK_INTERVAL),
                    (Long) values.get(TaskSetting.MAX_WORKER_MEMORY));
        }
        catch (InvalidTaskSettingException ex) {
            throw ex.from(sources.get(ex.getSetting()));
        }
    }

    /**
     * Returns a builder that starts from these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().workers(this.workers).callTimeout(this.callTimeout).shutdownTimeout(this.shutdownTimeout)
            .maxCallsPerWorker(this.maxCallsPerWorker).jvmArgs(this.jvmArgs).startupTimeout(this.startupTimeout)
            .acquireTimeout(this.acquireTimeout).maxFrameSize(this.maxFrameSize).restartBackoff(this.restartBackoff)
            .maxRestartBackoff(this.maxRestartBackoff).crashLoopThreshold(this.crashLoopThreshold)
            .standby(this.standby).leanJvm(this.leanJvm).classDataSharing(this.classDataSharing)
            .maxQueuedCalls(this.maxQueuedCalls).retries(this.retries).retryOnTimeout(this.retryOnTimeout)
            .poisonThreshold(this.poisonThreshold).poisonTtl(this.poisonTtl).commandPrefix(this.commandPrefix)
            .healthCheckInterval(this.healthCheckInterval).maxWorkerMemory(this.maxWorkerMemory);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    private static void atLeastOne(TaskSetting setting, int value) {
        check(value >= 1, setting, value, "must be at least 1");
    }

    private static void positive(TaskSetting setting, Duration value) {
        Objects.requireNonNull(value, setting.javaName());
        check(!value.isNegative() && !value.isZero(), setting, value, "must be positive");
    }

    private static void notNegative(TaskSetting setting, Duration value) {
        Objects.requireNonNull(value, setting.javaName());
        check(!value.isNegative(), setting, value, "must not be negative");
    }

    private static void check(boolean valid, TaskSetting setting, Object value, String reason) {
        if (!valid) {
            throw new InvalidTaskSettingException(setting, value, reason, null);
        }
    }

    /**
     * Builds {@link TaskSettings} from the defaults; every value is checked when {@link #build()} is
     * called. Not thread-safe.
     */
    public static final class Builder {

        private final PartialTaskSettings values = new PartialTaskSettings();

        private Builder() {
        }

        /**
         * Sets how many workers serve calls concurrently.
         * @param workers at least 1
         * @return this builder
         */
        public Builder workers(int workers) {
            this.values.workers(workers);
            return this;
        }

        /**
         * Sets the default call timeout.
         * @param callTimeout a positive duration, or {@code null} for none
         * @return this builder
         */
        public Builder callTimeout(Duration callTimeout) {
            this.values.callTimeout(callTimeout);
            return this;
        }

        /**
         * Sets the grace period between the shutdown message and the kill.
         * @param shutdownTimeout a duration, zero to kill at once
         * @return this builder
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.values.shutdownTimeout(shutdownTimeout);
            return this;
        }

        /**
         * Sets after how many calls a worker is recycled.
         * @param maxCallsPerWorker at least 1, or {@code null} for never
         * @return this builder
         */
        public Builder maxCallsPerWorker(Integer maxCallsPerWorker) {
            this.values.maxCallsPerWorker(maxCallsPerWorker);
            return this;
        }

        /**
         * Sets extra JVM options for the workers.
         * @param jvmArgs the options, such as {@code -Xmx256m}
         * @return this builder
         */
        public Builder jvmArgs(List<String> jvmArgs) {
            this.values.jvmArgs(jvmArgs);
            return this;
        }

        /**
         * Sets how long a worker may take to start.
         * @param startupTimeout a positive duration
         * @return this builder
         */
        public Builder startupTimeout(Duration startupTimeout) {
            this.values.startupTimeout(startupTimeout);
            return this;
        }

        /**
         * Sets how long a caller waits for an idle worker.
         * @param acquireTimeout a duration, zero to fail at once when no worker is idle
         * @return this builder
         */
        public Builder acquireTimeout(Duration acquireTimeout) {
            this.values.acquireTimeout(acquireTimeout);
            return this;
        }

        /**
         * Sets the largest message accepted on the channel.
         * @param maxFrameSize bytes, at least 1024
         * @return this builder
         */
        public Builder maxFrameSize(int maxFrameSize) {
            this.values.maxFrameSize(maxFrameSize);
            return this;
        }

        /**
         * Sets the first delay before a worker that failed to start is started again.
         * @param restartBackoff a duration
         * @return this builder
         */
        public Builder restartBackoff(Duration restartBackoff) {
            this.values.restartBackoff(restartBackoff);
            return this;
        }

        /**
         * Sets the longest delay between start attempts.
         * @param maxRestartBackoff a duration
         * @return this builder
         */
        public Builder maxRestartBackoff(Duration maxRestartBackoff) {
            this.values.maxRestartBackoff(maxRestartBackoff);
            return this;
        }

        /**
         * Sets after how many start-up failures in a row the crash-loop breaker opens.
         * @param crashLoopThreshold at least 1
         * @return this builder
         */
        public Builder crashLoopThreshold(int crashLoopThreshold) {
            this.values.crashLoopThreshold(crashLoopThreshold);
            return this;
        }

        /**
         * Sets how many warm spare workers are kept ready beyond {@code workers}.
         * @param standby zero or more
         * @return this builder
         */
        public Builder standby(int standby) {
            this.values.standby(standby);
            return this;
        }

        /**
         * Sets whether workers get the lean JVM defaults.
         * @param leanJvm {@code false} to start workers with the inherited options and {@code jvmArgs} only
         * @return this builder
         */
        public Builder leanJvm(boolean leanJvm) {
            this.values.leanJvm(leanJvm);
            return this;
        }

        /**
         * Sets whether workers train and reuse a class-data-sharing archive.
         * @param classDataSharing {@code false} to start every worker without one
         * @return this builder
         */
        public Builder classDataSharing(boolean classDataSharing) {
            this.values.classDataSharing(classDataSharing);
            return this;
        }

        /**
         * Sets how many calls may wait for a worker at once.
         * @param maxQueuedCalls zero or more, or {@code null} for no bound
         * @return this builder
         */
        public Builder maxQueuedCalls(Integer maxQueuedCalls) {
            this.values.maxQueuedCalls(maxQueuedCalls);
            return this;
        }

        /**
         * Sets how many more times a call whose worker crashed is run.
         * @param retries zero or more; for idempotent tasks only
         * @return this builder
         */
        public Builder retries(int retries) {
            this.values.retries(retries);
            return this;
        }

        /**
         * Sets whether a call that timed out is retried too.
         * @param retryOnTimeout {@code true} to retry timeouts as well as crashes
         * @return this builder
         */
        public Builder retryOnTimeout(boolean retryOnTimeout) {
            this.values.retryOnTimeout(retryOnTimeout);
            return this;
        }

        /**
         * Sets after how many crashes on the same input it is refused.
         * @param poisonThreshold zero (off) or more
         * @return this builder
         */
        public Builder poisonThreshold(int poisonThreshold) {
            this.values.poisonThreshold(poisonThreshold);
            return this;
        }

        /**
         * Sets how long a crash counts towards quarantining its input.
         * @param poisonTtl a positive duration
         * @return this builder
         */
        public Builder poisonTtl(Duration poisonTtl) {
            this.values.poisonTtl(poisonTtl);
            return this;
        }

        /**
         * Sets a command to put in front of the worker's {@code java}.
         * @param commandPrefix the wrapper and its arguments, such as {@code List.of("nice", "-n", "10")}
         * @return this builder
         */
        public Builder commandPrefix(List<String> commandPrefix) {
            this.values.commandPrefix(commandPrefix);
            return this;
        }

        /**
         * Sets how often idle workers are checked.
         * @param healthCheckInterval a duration, zero for never
         * @return this builder
         */
        public Builder healthCheckInterval(Duration healthCheckInterval) {
            this.values.healthCheckInterval(healthCheckInterval);
            return this;
        }

        /**
         * Sets the resident memory above which a worker is recycled after a call.
         * @param maxWorkerMemory bytes, at least 1 MiB, or {@code null} for never
         * @return this builder
         */
        public Builder maxWorkerMemory(Long maxWorkerMemory) {
            this.values.maxWorkerMemory(maxWorkerMemory);
            return this;
        }

        /**
         * Builds the settings.
         * @return the settings
         * @throws InvalidTaskSettingException naming the first value out of range
         */
        public TaskSettings build() {
            try {
                return merge(this.values);
            }
            catch (InvalidTaskSettingException ex) {
                // The builder's own values were given directly: they have no source to report.
                throw ex.from(null);
            }
        }
    }
}
