package dev.tarnish.spring;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import dev.tarnish.InvalidTaskSettingException;
import dev.tarnish.PartialTaskSettings;
import dev.tarnish.TaskSetting;
import dev.tarnish.TaskSettings;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * Resolves a task's settings from its sources, highest first: {@code tarnish.tasks.<name>.*}, the
 * {@link TarnishTask} attribute, {@code tarnish.defaults.*}, the built-in default. Each source becomes
 * {@link PartialTaskSettings}, which {@link TaskSettings#merge} combines and checks; a value it rejects
 * is reported against the key of the source it came from, so the message tells the user what to edit.
 */
final class TaskSettingsResolver {

    private static final String DEFAULTS_PREFIX = "tarnish.defaults.";

    private final TarnishProperties properties;

    private final PartialTaskSettings defaults;

    TaskSettingsResolver(TarnishProperties properties) {
        this.properties = properties;
        this.defaults = partial(properties.getDefaults(), DEFAULTS_PREFIX);
        // Checked once on their own, so that a bad default fails even when no task uses it.
        merge(null, null, null, null);
    }

    /**
     * Fails if {@code tarnish.tasks} has an entry for a task that does not exist: a typo there
     * would otherwise be ignored in silence.
     * @param taskNames the names of all tasks
     * @param configuredNames the task names the configuration's keys hold, such as {@code a} for
     *     {@code tarnish.tasks.a.b.workers}: a key the binder left out (a dotted name without brackets
     *     binds nothing) must fail too
     */
    void checkTaskNames(Set<String> taskNames, Set<String> configuredNames) {
        Set<String> names = new LinkedHashSet<>(this.properties.getTasks().keySet());
        names.addAll(configuredNames);
        for (String name : names) {
            // A key in lower case also sets the task whose name it is in lower case (see resolve).
            List<String> fits = taskNames.stream()
                .filter((task) -> task.equals(name) || lowerCase(task).equals(name))
                .toList();
            if (fits.size() > 1) {
                throw new InvalidTarnishPropertyException(taskPrefix(name).replaceFirst("\\.$", ""), null,
                        "the tasks " + new TreeSet<>(fits) + " are all '" + name + "' in lower case, as an "
                                + "environment variable names them: set them in a properties or YAML file, "
                                + "under their names as written");
            }
            if (fits.isEmpty()) {
                throw new InvalidTarnishPropertyException(taskPrefix(name).replaceFirst("\\.$", ""), null,
                        "no task (@TarnishTask class or @Isolated method) is named '" + name + "'; known tasks: "
                                + new TreeSet<>(taskNames) + dottedNameHint(name, taskNames));
            }
        }
    }

    /**
     * A task's name as an environment variable binds it: {@code TARNISH_TASKS_MYTASK_WORKERS} sets
     * {@code tarnish.tasks.mytask.workers}, a map key that Spring Boot does not relate to {@code myTask}.
     */
    private static String lowerCase(String taskName) {
        return taskName.toLowerCase(Locale.ROOT);
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
        PartialTaskSettings annotation = new PartialTaskSettings();
        if (annotationWorkers >= 1) {
            annotation.workers(annotationWorkers);
        }
        Duration callTimeout = parseAnnotationTimeout(taskClassName, annotationCallTimeout);
        if (callTimeout != null) {
            annotation.callTimeout(callTimeout);
        }
        Map<String, TarnishProperties.Settings> tasks = this.properties.getTasks();
        TarnishProperties.Settings own = tasks.get(taskName);
        // Under the name in lower case too, as an environment variable sets it; it wins where both set a
        // key, as an environment variable wins over application.properties. If another task has that
        // name, checkTaskNames fails the start-up.
        String lower = lowerCase(taskName);
        TarnishProperties.Settings fromEnvironment = !lower.equals(taskName) ? tasks.get(lower) : null;
        String prefix = taskPrefix(taskName);
        PartialTaskSettings task = null;
        if (own != null || fromEnvironment != null) {
            task = new PartialTaskSettings();
            if (own != null) {
                fill(task, own, prefix);
            }
            if (fromEnvironment != null) {
                fill(task, fromEnvironment, prefix);
            }
        }
        return merge(task, prefix, annotation, taskClassName);
    }

    /** The properties' prefix of a task; a name with a dot must be in brackets to stay one map key. */
    static String taskPrefix(String taskName) {
        return taskName.contains(".") ? "tarnish.tasks[" + taskName + "]." : "tarnish.tasks." + taskName + ".";
    }

    /** Without brackets, {@code tarnish.tasks.a.b.workers} binds to a task named {@code a}. */
    private static String dottedNameHint(String name, Set<String> taskNames) {
        return taskNames.stream()
            .filter((task) -> task.startsWith(name + "."))
            .findFirst()
            .map((task) -> "; a task name with a dot goes in brackets, such as " + taskPrefix(task) + "workers")
            .orElse("");
    }

    private TaskSettings merge(PartialTaskSettings task, String taskPrefix, PartialTaskSettings annotation,
            String taskClassName) {
        try {
            return TaskSettings.merge(task, annotation, this.defaults);
        }
        catch (InvalidTaskSettingException ex) {
            PartialTaskSettings source = ex.getSource();
            String key = (source == null) ? "the built-in default of " + ex.getSetting().javaName()
                    : (source == task) ? taskPrefix + ex.getSetting().propertyName()
                    : (source == annotation) ? annotationKey(ex.getSetting().javaName(), taskClassName)
                    : DEFAULTS_PREFIX + ex.getSetting().propertyName();
            throw new InvalidTarnishPropertyException(key, ex.getValue(), ex.getReason());
        }
    }

    /** The settings a properties section sets; unset properties are {@code null} and stay unset. */
    private static PartialTaskSettings partial(TarnishProperties.Settings settings, String prefix) {
        return fill(new PartialTaskSettings(), settings, prefix);
    }

    /** Sets on {@code partial} what a properties section sets, over what it held; returns it. */
    private static PartialTaskSettings fill(PartialTaskSettings partial, TarnishProperties.Settings settings,
            String prefix) {
        ifSet(settings.getWorkers(), partial::workers);
        ifSet(settings.getCallTimeout(), partial::callTimeout);
        ifSet(settings.getShutdownTimeout(), partial::shutdownTimeout);
        ifSet(settings.getMaxCallsPerWorker(), partial::maxCallsPerWorker);
        ifSet(settings.getJvmArgs(), partial::jvmArgs);
        ifSet(settings.getStartupTimeout(), partial::startupTimeout);
        ifSet(settings.getAcquireTimeout(), partial::acquireTimeout);
        ifSet(settings.getMaxFrameSize(), (size) -> partial.maxFrameSize(frameSize(size, prefix)));
        ifSet(settings.getRestartBackoff(), partial::restartBackoff);
        ifSet(settings.getMaxRestartBackoff(), partial::maxRestartBackoff);
        ifSet(settings.getCrashLoopThreshold(), partial::crashLoopThreshold);
        ifSet(settings.getStandby(), partial::standby);
        ifSet(settings.getLeanJvm(), partial::leanJvm);
        ifSet(settings.getClassDataSharing(), partial::classDataSharing);
        ifSet(settings.getMaxQueuedCalls(), partial::maxQueuedCalls);
        ifSet(settings.getRetries(), partial::retries);
        ifSet(settings.getRetryOnTimeout(), partial::retryOnTimeout);
        ifSet(settings.getPoisonThreshold(), partial::poisonThreshold);
        ifSet(settings.getPoisonTtl(), partial::poisonTtl);
        ifSet(settings.getCommandPrefix(), partial::commandPrefix);
        ifSet(settings.getHealthCheckInterval(), partial::healthCheckInterval);
        ifSet(settings.getMaxWorkerMemory(), (size) -> partial.maxWorkerMemory(size.toBytes()));
        return partial;
    }

    private static <V> void ifSet(V value, Consumer<V> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static int frameSize(DataSize size, String prefix) {
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidTarnishPropertyException(prefix + TaskSetting.MAX_FRAME_SIZE.propertyName(), size,
                    "must be at most " + Integer.MAX_VALUE + " bytes");
        }
        return (int) bytes;
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
}
