package dev.tarnish.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of tarnish, prefix {@code tarnish}.
 *
 * <p>A task's setting comes from, in this order: {@code tarnish.tasks.<name>.*}, the
 * {@link TarnishTask @TarnishTask} attribute, {@code tarnish.defaults.*}, then the built-in default
 * of {@link dev.tarnish.TaskSettings}. Values are checked at start-up; a bad one fails the start
 * with a message naming its key.
 */
@ConfigurationProperties("tarnish")
public class TarnishProperties {

    /** Whether tarnish registers task processes and their management beans. */
    private boolean enabled = true;

    /**
     * Where tasks run: in worker processes, or, for fast tests of code that uses them, in the
     * application's own JVM with no isolation at all (a crash there ends the application).
     */
    private Mode mode = Mode.PROCESS;

    /** Settings for every task, where neither the task's own properties nor its annotation set them. */
    private Settings defaults = new Settings();

    /**
     * Settings per task, keyed by task name; each name must be that of a {@code @TarnishTask} or an
     * {@code @Isolated} method (a name with a dot in brackets: {@code tarnish.tasks[bean.method].workers}).
     */
    private Map<String, Settings> tasks = new LinkedHashMap<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return this.mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Settings getDefaults() {
        return this.defaults;
    }

    public void setDefaults(Settings defaults) {
        this.defaults = defaults;
    }

    public Map<String, Settings> getTasks() {
        return this.tasks;
    }

    public void setTasks(Map<String, Settings> tasks) {
        this.tasks = tasks;
    }

    /**
     * Where tasks run.
     */
    public enum Mode {

        /** In worker processes: crash isolation. The default. */
        PROCESS,

        /**
         * In the application's JVM, for tests only: no isolation. Each call still encodes and decodes
         * its input and output as for a worker, and a task's exception still arrives as a
         * {@code TaskFailedException}; call timeouts are not enforced.
         */
        IN_PROCESS
    }

    /**
     * The settings of one task, or the defaults of all. A {@code null} value means "not set here".
     */
    public static class Settings {

        /** How many workers serve calls concurrently; at least 1. Built-in default: 1. */
        private Integer workers;

        /** The default timeout of a call; the worker is killed when it runs past it. Built-in default: none. */
        private Duration callTimeout;

        /** Grace period between the shutdown message and SIGKILL when a worker stops. Built-in default: 5s. */
        private Duration shutdownTimeout;

        /** Recycle a worker after this many calls, against slow native leaks. Built-in default: never. */
        private Integer maxCallsPerWorker;

        /** Extra JVM options for the workers, after the inherited ones, such as -Xmx256m. */
        private List<String> jvmArgs;

        /** How long a worker may take from spawn to ready before it is killed. Built-in default: 60s. */
        private Duration startupTimeout;

        /** How long a caller waits for an idle worker before the call is rejected. Built-in default: 30s. */
        private Duration acquireTimeout;

        /** The largest message accepted on the channel in either direction; at least 1KB. Built-in default: 64MB. */
        private DataSize maxFrameSize;

        /** First delay before restarting a worker that died during start-up; doubles per failure in a row. Built-in default: 250ms. */
        private Duration restartBackoff;

        /** Longest delay between start attempts of a worker. Built-in default: 10s. */
        private Duration maxRestartBackoff;

        /** Start-up failures in a row after which, while no worker runs, calls are rejected at once (crash-loop breaker). Built-in default: 5. */
        private Integer crashLoopThreshold;

        /** Warm spare workers kept ready beyond 'workers', so that the call after a crash does not wait for a worker to start; they add no concurrency. Built-in default: 0. */
        private Integer standby;

        /** Whether workers get lean JVM defaults before 'jvm-args': -XX:TieredStopAtLevel=1, the serial collector unless one is chosen, -XX:-UsePerfData. Faster start, less memory, lower peak speed of Java code. Built-in default: true. */
        private Boolean leanJvm;

        /** Whether workers train and reuse a class-data-sharing archive (dynamic CDS on JDK 17 to 24, the AOT cache on JDK 25+), kept in ~/.cache/tarnish/cds per command line and class path. Built-in default: true. */
        private Boolean classDataSharing;

        /** How many calls may wait for a worker at once; a call beyond it fails at once (WorkerUnavailableException, reason QUEUE_FULL). A waiting call costs its encoded input and no thread. Built-in default: no bound. */
        private Integer maxQueuedCalls;

        /** How many more times a call whose worker crashed during it is run, each time on another worker; for idempotent tasks only. The last exception carries the earlier ones (suppressed). Built-in default: 0. */
        private Integer retries;

        /** Whether a call that ran past its timeout is retried as well. Built-in default: false. */
        private Boolean retryOnTimeout;

        /** After this many workers crashed on the same input (by a digest of its encoded bytes) within 'poison-ttl', the input is refused at once with PoisonInputException; 0 turns this off. Built-in default: 3. */
        private Integer poisonThreshold;

        /** How long a crash counts towards refusing its input. Built-in default: 1h. */
        private Duration poisonTtl;

        /** A command put in front of the worker's java, as a list such as nice,-n,10 or taskset,-c,1; it must exec java, not fork it. Built-in default: none. */
        private List<String> commandPrefix;

        /** How often idle workers are asked to answer at once; one that does not answer within this interval (5s at most) is killed and replaced, counted as an 'unresponsive' crash. 0 turns the checks off. Built-in default: 30s. */
        private Duration healthCheckInterval;

        /** Recycle a worker gracefully when its resident memory is above this after a call, such as 512MB: against native libraries that leak. Linux only. Built-in default: none. */
        private DataSize maxWorkerMemory;

        public DataSize getMaxWorkerMemory() {
            return this.maxWorkerMemory;
        }

        public void setMaxWorkerMemory(DataSize maxWorkerMemory) {
            this.maxWorkerMemory = maxWorkerMemory;
        }

        public Duration getHealthCheckInterval() {
            return this.healthCheckInterval;
        }

        public void setHealthCheckInterval(Duration healthCheckInterval) {
            this.healthCheckInterval = healthCheckInterval;
        }

        public List<String> getCommandPrefix() {
            return this.commandPrefix;
        }

        public void setCommandPrefix(List<String> commandPrefix) {
            this.commandPrefix = commandPrefix;
        }

        public Integer getRetries() {
            return this.retries;
        }

        public void setRetries(Integer retries) {
            this.retries = retries;
        }

        public Boolean getRetryOnTimeout() {
            return this.retryOnTimeout;
        }

        public void setRetryOnTimeout(Boolean retryOnTimeout) {
            this.retryOnTimeout = retryOnTimeout;
        }

        public Integer getPoisonThreshold() {
            return this.poisonThreshold;
        }

        public void setPoisonThreshold(Integer poisonThreshold) {
            this.poisonThreshold = poisonThreshold;
        }

        public Duration getPoisonTtl() {
            return this.poisonTtl;
        }

        public void setPoisonTtl(Duration poisonTtl) {
            this.poisonTtl = poisonTtl;
        }

        public Integer getMaxQueuedCalls() {
            return this.maxQueuedCalls;
        }

        public void setMaxQueuedCalls(Integer maxQueuedCalls) {
            this.maxQueuedCalls = maxQueuedCalls;
        }

        public Boolean getClassDataSharing() {
            return this.classDataSharing;
        }

        public void setClassDataSharing(Boolean classDataSharing) {
            this.classDataSharing = classDataSharing;
        }

        public Boolean getLeanJvm() {
            return this.leanJvm;
        }

        public void setLeanJvm(Boolean leanJvm) {
            this.leanJvm = leanJvm;
        }

        public Integer getStandby() {
            return this.standby;
        }

        public void setStandby(Integer standby) {
            this.standby = standby;
        }

        public Integer getWorkers() {
            return this.workers;
        }

        public void setWorkers(Integer workers) {
            this.workers = workers;
        }

        public Duration getCallTimeout() {
            return this.callTimeout;
        }

        public void setCallTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Integer getMaxCallsPerWorker() {
            return this.maxCallsPerWorker;
        }

        public void setMaxCallsPerWorker(Integer maxCallsPerWorker) {
            this.maxCallsPerWorker = maxCallsPerWorker;
        }

        public List<String> getJvmArgs() {
            return this.jvmArgs;
        }

        public void setJvmArgs(List<String> jvmArgs) {
            this.jvmArgs = jvmArgs;
        }

        public Duration getStartupTimeout() {
            return this.startupTimeout;
        }

        public void setStartupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
        }

        public Duration getAcquireTimeout() {
            return this.acquireTimeout;
        }

        public void setAcquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
        }

        public DataSize getMaxFrameSize() {
            return this.maxFrameSize;
        }

        public void setMaxFrameSize(DataSize maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

        public Duration getRestartBackoff() {
            return this.restartBackoff;
        }

        public void setRestartBackoff(Duration restartBackoff) {
            this.restartBackoff = restartBackoff;
        }

        public Duration getMaxRestartBackoff() {
            return this.maxRestartBackoff;
        }

        public void setMaxRestartBackoff(Duration maxRestartBackoff) {
            this.maxRestartBackoff = maxRestartBackoff;
        }

        public Integer getCrashLoopThreshold() {
            return this.crashLoopThreshold;
        }

        public void setCrashLoopThreshold(Integer crashLoopThreshold) {
            this.crashLoopThreshold = crashLoopThreshold;
        }
    }
}
