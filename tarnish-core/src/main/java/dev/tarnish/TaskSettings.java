package dev.tarnish;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a task's workers are run and supervised. Immutable; build one with {@link #builder()}, which
 * starts from the defaults listed on each accessor and checks every value as it is set.
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
 *     perf data; faster start, less memory, lower peak speed of Java code (default true)
 * @param classDataSharing whether workers train and reuse a class-data-sharing archive (JDK 17 to
 *     24: dynamic CDS, JDK 25 and later: the AOT cache), kept in {@code ~/.cache/tarnish/cds} per
 *     command line and class path (default true)
 */
public record TaskSettings(int workers, Duration callTimeout, Duration shutdownTimeout, Integer maxCallsPerWorker,
        List<String> jvmArgs, Duration startupTimeout, Duration acquireTimeout, int maxFrameSize,
        Duration restartBackoff, Duration maxRestartBackoff, int crashLoopThreshold, int standby, boolean leanJvm,
        boolean classDataSharing) {

    /** The default largest message size: 64 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the setting whose value is out of range
     */
    public TaskSettings {
        atLeastOne("workers", workers);
        if (callTimeout != null) {
            positive("callTimeout", callTimeout);
        }
        notNegative("shutdownTimeout", shutdownTimeout);
        if (maxCallsPerWorker != null) {
            atLeastOne("maxCallsPerWorker", maxCallsPerWorker);
        }
        jvmArgs = List.copyOf(Objects.requireNonNull(jvmArgs, "jvmArgs"));
        positive("startupTimeout", startupTimeout);
        notNegative("acquireTimeout", acquireTimeout);
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes, was " + maxFrameSize);
        }
        notNegative("restartBackoff", restartBackoff);
        notNegative("maxRestartBackoff", maxRestartBackoff);
        atLeastOne("crashLoopThreshold", crashLoopThreshold);
        if (standby < 0) {
            throw new IllegalArgumentException("standby must not be negative, was " + standby);
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
     * Returns a builder that starts from these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().workers(this.workers).callTimeout(this.callTimeout).shutdownTimeout(this.shutdownTimeout)
            .maxCallsPerWorker(this.maxCallsPerWorker).jvmArgs(this.jvmArgs).startupTimeout(this.startupTimeout)
            .acquireTimeout(this.acquireTimeout).maxFrameSize(this.maxFrameSize).restartBackoff(this.restartBackoff)
            .maxRestartBackoff(this.maxRestartBackoff).crashLoopThreshold(this.crashLoopThreshold)
            .standby(this.standby).leanJvm(this.leanJvm)
            .classDataSharing(this.classDataSharing);
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    /**
     * Builds {@link TaskSettings}; every value is checked when {@link #build()} is called. Not
     * thread-safe.
     */
    public static final class Builder {

        private int workers = 1;

        private Duration callTimeout;

        private Duration shutdownTimeout = Duration.ofSeconds(5);

        private Integer maxCallsPerWorker;

        private List<String> jvmArgs = List.of();

        private Duration startupTimeout = Duration.ofSeconds(60);

        private Duration acquireTimeout = Duration.ofSeconds(30);

        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

        private Duration restartBackoff = Duration.ofMillis(250);

        private Duration maxRestartBackoff = Duration.ofSeconds(10);

        private int crashLoopThreshold = 5;

        private int standby;

        private boolean leanJvm = true;

        private boolean classDataSharing = true;

        private Builder() {
        }

        /**
         * Sets how many workers serve calls concurrently.
         * @param workers at least 1
         * @return this builder
         */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Sets the default call timeout.
         * @param callTimeout a positive duration, or {@code null} for none
         * @return this builder
         */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /**
         * Sets the grace period between the shutdown message and the kill.
         * @param shutdownTimeout a duration, zero to kill at once
         * @return this builder
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * Sets after how many calls a worker is recycled.
         * @param maxCallsPerWorker at least 1, or {@code null} for never
         * @return this builder
         */
        public Builder maxCallsPerWorker(Integer maxCallsPerWorker) {
            this.maxCallsPerWorker = maxCallsPerWorker;
            return this;
        }

        /**
         * Sets extra JVM options for the workers.
         * @param jvmArgs the options, such as {@code -Xmx256m}
         * @return this builder
         */
        public Builder jvmArgs(List<String> jvmArgs) {
            this.jvmArgs = jvmArgs;
            return this;
        }

        /**
         * Sets how long a worker may take to start.
         * @param startupTimeout a positive duration
         * @return this builder
         */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /**
         * Sets how long a caller waits for an idle worker.
         * @param acquireTimeout a duration, zero to fail at once when no worker is idle
         * @return this builder
         */
        public Builder acquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
            return this;
        }

        /**
         * Sets the largest message accepted on the channel.
         * @param maxFrameSize bytes, at least 1024
         * @return this builder
         */
        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        /**
         * Sets the first delay before a worker that failed to start is started again.
         * @param restartBackoff a duration
         * @return this builder
         */
        public Builder restartBackoff(Duration restartBackoff) {
            this.restartBackoff = restartBackoff;
            return this;
        }

        /**
         * Sets the longest delay between start attempts.
         * @param maxRestartBackoff a duration
         * @return this builder
         */
        public Builder maxRestartBackoff(Duration maxRestartBackoff) {
            this.maxRestartBackoff = maxRestartBackoff;
            return this;
        }

        /**
         * Sets after how many start-up failures in a row the crash-loop breaker opens.
         * @param crashLoopThreshold at least 1
         * @return this builder
         */
        public Builder crashLoopThreshold(int crashLoopThreshold) {
            this.crashLoopThreshold = crashLoopThreshold;
            return this;
        }

        /**
         * Sets how many warm spare workers are kept ready beyond {@code workers}.
         * @param standby zero or more
         * @return this builder
         */
        public Builder standby(int standby) {
            this.standby = standby;
            return this;
        }

        /**
         * Sets whether workers get the lean JVM defaults.
         * @param leanJvm {@code false} to start workers with the inherited options and {@code jvmArgs} only
         * @return this builder
         */
        public Builder leanJvm(boolean leanJvm) {
            this.leanJvm = leanJvm;
            return this;
        }

        /**
         * Sets whether workers train and reuse a class-data-sharing archive.
         * @param classDataSharing {@code false} to start every worker without one
         * @return this builder
         */
        public Builder classDataSharing(boolean classDataSharing) {
            this.classDataSharing = classDataSharing;
            return this;
        }

        /**
         * Builds the settings.
         * @return the settings
         * @throws IllegalArgumentException naming the first value out of range
         */
        public TaskSettings build() {
            return new TaskSettings(this.workers, this.callTimeout, this.shutdownTimeout, this.maxCallsPerWorker,
                    this.jvmArgs, this.startupTimeout, this.acquireTimeout, this.maxFrameSize, this.restartBackoff,
                    this.maxRestartBackoff, this.crashLoopThreshold, this.standby, this.leanJvm,
                    this.classDataSharing);
        }
    }
}
