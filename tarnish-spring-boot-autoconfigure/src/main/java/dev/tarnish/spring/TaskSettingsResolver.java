package dev.tarnish.spring;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.tarnish.TaskSettings;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * Merges a task's settings from its sources, highest first: {@code tarnish.tasks.<name>.*}, the
 * {@link TarnishTask} attribute, {@code tarnish.defaults.*}, the built-in default. Every value is
 * checked by {@link TaskSettings}; a value it rejects is reported against the key it came from, so
 * the message tells the user what to edit rather than an internal setting name.
 */
final class TaskSettingsResolver {

    private static final String DEFAULTS_PREFIX = "tarnish.defaults.";

    private final TarnishProperties properties;

    TaskSettingsResolver(TarnishProperties properties) {
        this.properties = properties;
        // Checked once on their own, so that a bad default fails even when no task uses it.
        new Resolution(null, null, null).build();
    }

    /**
     * Fails if {@code tarnish.tasks} has an entry for a task that does not exist: a typo there
     * would otherwise be ignored in silence.
     * @param taskNames the names of all tasks
     */
    void checkTaskNames(Set<String> taskNames) {
        for (String name : this.properties.getTasks().keySet()) {
            if (!taskNames.contains(name)) {
                throw new InvalidTarnishPropertyException("tarnish.tasks." + name, null,
                        "no @TarnishTask is named '" + name + "'; known tasks: " + new TreeSet<>(taskNames));
            }
        }
    }

    /**
     * Resolves the settings of one task.
     * @param taskName the task's name
     * @param taskClassName the task class, for messages
     * @param annotationWorkers {@link TarnishTask#workers()}, below 1 when not set
     * @param annotationCallTimeout {@link TarnishTask#callTimeout()}, empty when not set
     * @return the settings
     * @throws InvalidTarnishPropertyException naming the key of the first bad value
     */
    TaskSettings resolve(String taskName, String taskClassName, int annotationWorkers, String annotationCallTimeout) {
        Annotation annotation = new Annotation(taskClassName, (annotationWorkers >= 1) ? annotationWorkers : null,
                parseAnnotationTimeout(taskClassName, annotationCallTimeout));
        return new Resolution(taskName, this.properties.getTasks().get(taskName), annotation).build();
    }

    private static Duration parseAnnotationTimeout(String taskClassName, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(value.trim());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidTarnishPropertyException(annotationKey("callTimeout", taskClassName), value,
                    "not a duration; use a value such as '5s' or 'PT5S'");
        }
    }

    private static String annotationKey(String attribute, String taskClassName) {
        return "@TarnishTask(" + attribute + ") on " + taskClassName;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private record Annotation(String taskClassName, Integer workers, Duration callTimeout) {
    }

    /** One merge: remembers where each chosen value came from. */
    private final class Resolution {

        private final String taskName;

        private final TarnishProperties.Settings task;

        private final Annotation annotation;

        private final Map<String, String> origins = new HashMap<>();

        private final Map<String, Object> values = new HashMap<>();

        Resolution(String taskName, TarnishProperties.Settings task, Annotation annotation) {
            this.taskName = taskName;
            this.task = task;
            this.annotation = annotation;
        }

        TaskSettings build() {
            TaskSettings.Builder builder = TaskSettings.builder();
            TaskSettings builtIn = TaskSettings.defaults();
            Integer workers = pick("workers", TarnishProperties.Settings::getWorkers,
                    (this.annotation != null) ? this.annotation.workers() : null);
            Duration callTimeout = pick("callTimeout", TarnishProperties.Settings::getCallTimeout,
                    (this.annotation != null) ? this.annotation.callTimeout() : null);
            Duration shutdownTimeout = pick("shutdownTimeout", TarnishProperties.Settings::getShutdownTimeout, null);
            Integer maxCalls = pick("maxCallsPerWorker", TarnishProperties.Settings::getMaxCallsPerWorker, null);
            List<String> jvmArgs = pick("jvmArgs", TarnishProperties.Settings::getJvmArgs, null);
            Duration startupTimeout = pick("startupTimeout", TarnishProperties.Settings::getStartupTimeout, null);
            Duration acquireTimeout = pick("acquireTimeout", TarnishProperties.Settings::getAcquireTimeout, null);
            DataSize maxFrameSize = pick("maxFrameSize", TarnishProperties.Settings::getMaxFrameSize, null);
            Duration restartBackoff = pick("restartBackoff", TarnishProperties.Settings::getRestartBackoff, null);
            Duration maxRestartBackoff = pick("maxRestartBackoff", TarnishProperties.Settings::getMaxRestartBackoff,
                    null);
            Integer crashLoopThreshold = pick("crashLoopThreshold", TarnishProperties.Settings::getCrashLoopThreshold,
                    null);
            Integer standby = pick("standby", TarnishProperties.Settings::getStandby, null);
            Boolean leanJvm = pick("leanJvm", TarnishProperties.Settings::getLeanJvm, null);
            Boolean classDataSharing = pick("classDataSharing", TarnishProperties.Settings::getClassDataSharing, null);
            try {
                return builder.workers((workers != null) ? workers : builtIn.workers())
                    .callTimeout((callTimeout != null) ? callTimeout : builtIn.callTimeout())
                    .shutdownTimeout((shutdownTimeout != null) ? shutdownTimeout : builtIn.shutdownTimeout())
                    .maxCallsPerWorker((maxCalls != null) ? maxCalls : builtIn.maxCallsPerWorker())
                    .jvmArgs((jvmArgs != null) ? jvmArgs : builtIn.jvmArgs())
                    .startupTimeout((startupTimeout != null) ? startupTimeout : builtIn.startupTimeout())
                    .acquireTimeout((acquireTimeout != null) ? acquireTimeout : builtIn.acquireTimeout())
                    .maxFrameSize((maxFrameSize != null) ? frameSize(maxFrameSize) : builtIn.maxFrameSize())
                    .restartBackoff((restartBackoff != null) ? restartBackoff : builtIn.restartBackoff())
                    .maxRestartBackoff((maxRestartBackoff != null) ? maxRestartBackoff : builtIn.maxRestartBackoff())
                    .crashLoopThreshold((crashLoopThreshold != null) ? crashLoopThreshold
                            : builtIn.crashLoopThreshold())
                    .standby((standby != null) ? standby : builtIn.standby())
                    .leanJvm((leanJvm != null) ? leanJvm : builtIn.leanJvm())
                    .classDataSharing((classDataSharing != null) ? classDataSharing : builtIn.classDataSharing())
                    .build();
            }
            catch (IllegalArgumentException ex) {
                throw reject(ex);
            }
        }

        private <V> V pick(String setting, Function<TarnishProperties.Settings, V> property, V annotationValue) {
            V value = (this.task != null) ? property.apply(this.task) : null;
            String origin = "tarnish.tasks." + this.taskName + "." + kebab(setting);
            if (value == null && annotationValue != null) {
                value = annotationValue;
                origin = annotationKey(setting, this.annotation.taskClassName());
            }
            if (value == null) {
                value = property.apply(TaskSettingsResolver.this.properties.getDefaults());
                origin = DEFAULTS_PREFIX + kebab(setting);
            }
            if (value != null) {
                this.origins.put(setting, origin);
                this.values.put(setting, value);
            }
            return value;
        }

        private int frameSize(DataSize size) {
            long bytes = size.toBytes();
            if (bytes > Integer.MAX_VALUE) {
                throw new InvalidTarnishPropertyException(this.origins.get("maxFrameSize"), size,
                        "must be at most " + Integer.MAX_VALUE + " bytes");
            }
            return (int) bytes;
        }

        /** TaskSettings names the setting first in its message: map it back to where the value was set. */
        private RuntimeException reject(IllegalArgumentException ex) {
            String message = String.valueOf(ex.getMessage());
            String setting = message.split(" ", 2)[0];
            String origin = this.origins.get(setting);
            if (origin == null) {
                return ex;
            }
            Object value = this.values.get(setting);
            String reason = message.startsWith(setting + " ") ? message.substring(setting.length() + 1) : message;
            return new InvalidTarnishPropertyException(origin, value, reason.replaceFirst(", was .*$", ""));
        }
    }
}
