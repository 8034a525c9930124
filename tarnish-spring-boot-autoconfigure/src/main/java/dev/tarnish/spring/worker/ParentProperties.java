package dev.tarnish.spring.worker;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The application's configuration that a worker started by {@link SpringWorkerMain} could not build
 * again by itself, handed over in its environment. Such a worker boots the application's
 * configuration classes, not its {@code main}, so it reads the same configuration files, environment
 * and JVM options, but would miss:
 * <ul>
 * <li>the property sources above the JVM's system properties: command-line arguments and, under
 * {@code @SpringBootTest}, the test's {@code properties}, {@code @TestPropertySource} and
 * {@code @DynamicPropertySource} values, and what initializers add on top;</li>
 * <li>the {@code SpringApplication}'s default properties;</li>
 * <li>system properties set while the application runs (by a build tool's test runner, an embedded
 * broker, the application's own code).</li>
 * </ul>
 * The worker puts each back at the same precedence, before its configuration files are read, so that
 * a value that decides which files or profiles apply does so in the worker too. Values are copied as
 * they resolve at the moment the parent decides how to launch its workers. Configuration files are
 * not copied: the worker reads them itself, with its own profile.
 */
final class ParentProperties {

    private static final Log logger = LogFactory.getLog(ParentProperties.class);

    /** The sources above the system properties, merged: the first source of the parent wins. */
    static final String OVERRIDES_VARIABLE = "TARNISH_SPRING_PROPERTIES";

    static final String DEFAULTS_VARIABLE = "TARNISH_SPRING_DEFAULT_PROPERTIES";

    static final String SYSTEM_VARIABLE = "TARNISH_SPRING_SYSTEM_PROPERTIES";

    static final String OVERRIDES_SOURCE = "tarnishParentProperties";

    static final String SYSTEM_SOURCE = "tarnishParentSystemProperties";

    /** A single environment variable may hold at most 128 KiB on Linux; leave room for the rest. */
    static final int MAX_VARIABLE_LENGTH = 96 * 1024;

    /** Sources that are views of others, or that the worker sets up itself. */
    private static final List<String> NOT_COPIED = List.of("configurationProperties",
            WorkerModeProperties.SOURCE_NAME, OVERRIDES_SOURCE);

    /**
     * System properties not handed over: the JDK's own (a worker has its own), and those a build tool's
     * test runner sets for itself, such as surefire's copy of the whole test class path.
     */
    private static final List<String> NOT_HANDED_OVER = List.of("java.", "javax.", "jdk.", "sun.", "os.", "user.",
            "file.", "line.separator", "path.separator", "native.encoding", "stdout.encoding", "stderr.encoding",
            "surefire.", "basedir", "localRepository", "maven.", "idea.", "org.gradle.");

    private ParentProperties() {
    }

    /**
     * Captures what a worker must be handed.
     * @param environment the application's environment, once its initializers have run
     * @return the environment variables for the worker
     */
    static Map<String, String> capture(ConfigurableEnvironment environment) {
        MutablePropertySources sources = environment.getPropertySources();
        Map<String, Object> overrides = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (PropertySource<?> source : sources) {
            if (StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
                break;
            }
            if (!NOT_COPIED.contains(source.getName())) {
                copy(source, overrides);
            }
        }
        PropertySource<?> defaultProperties = sources.get(DefaultPropertiesPropertySource.NAME);
        if (defaultProperties != null) {
            copy(defaultProperties, defaults);
        }
        Map<String, Object> system = new LinkedHashMap<>();
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        System.getProperties().forEach((key, value) -> {
            if (!isWorkersOwn(key.toString(), jvmOptions)) {
                system.put(key.toString(), value);
            }
        });
        Map<String, String> variables = new LinkedHashMap<>();
        put(variables, OVERRIDES_VARIABLE, overrides, true);
        put(variables, DEFAULTS_VARIABLE, defaults, true);
        put(variables, SYSTEM_VARIABLE, system, false);
        return variables;
    }

    /**
     * In the worker: puts the parent's properties back into the environment, if there are any.
     * @param environment the worker's environment, before its configuration files are read
     * @param variables the worker process's environment variables
     */
    static void restore(ConfigurableEnvironment environment, Map<String, String> variables) {
        MutablePropertySources sources = environment.getPropertySources();
        Map<String, Object> overrides = read(variables.get(OVERRIDES_VARIABLE));
        if (!overrides.isEmpty() && !sources.contains(OVERRIDES_SOURCE)) {
            sources.addFirst(new MapPropertySource(OVERRIDES_SOURCE, overrides));
        }
        // Into Spring Boot's own default properties, which it keeps below the configuration files it
        // adds later: a source of another name added last now would end up above them.
        DefaultPropertiesPropertySource.addOrMerge(read(variables.get(DEFAULTS_VARIABLE)), sources);
        Map<String, Object> system = read(variables.get(SYSTEM_VARIABLE));
        // The worker's own system properties (its JVM options, the JDK's) stay as they are.
        system.keySet().removeAll(System.getProperties().stringPropertyNames());
        if (!system.isEmpty() && !sources.contains(SYSTEM_SOURCE)
                && sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                    new MapPropertySource(SYSTEM_SOURCE, system));
        }
    }

    /** Properties of the JDK or a test runner, and the JVM's {@code -D} options, which a worker gets anyway. */
    private static boolean isWorkersOwn(String key, List<String> jvmOptions) {
        return NOT_HANDED_OVER.stream().anyMatch(key::startsWith)
                || jvmOptions.stream().anyMatch((option) -> option.equals("-D" + key) || option.startsWith("-D" + key + "="));
    }

    private static void copy(PropertySource<?> source, Map<String, Object> into) {
        if (source instanceof EnumerablePropertySource<?> enumerable) {
            for (String name : enumerable.getPropertyNames()) {
                Object value = enumerable.getProperty(name);
                if (value != null) {
                    into.putIfAbsent(name, value.toString());
                }
            }
        }
    }

    /**
     * Puts values into a variable. Too many for one variable is an error for the properties the
     * application set itself; system properties set at run time are dropped with a warning instead,
     * since most of them are not the application's (a test runner's, a library's).
     */
    private static void put(Map<String, String> variables, String name, Map<String, Object> values, boolean required) {
        if (values.isEmpty()) {
            return;
        }
        Properties properties = new Properties();
        values.forEach((key, value) -> properties.setProperty(key, value.toString()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (text.getBuffer().length() > MAX_VARIABLE_LENGTH && !required) {
            logger.warn("The " + describe(name) + " set while the application runs take " + text.getBuffer().length()
                    + " characters, more than a worker's environment can be handed (" + MAX_VARIABLE_LENGTH
                    + "); workers started by " + SpringWorkerMain.class.getSimpleName() + " do not see them");
            return;
        }
        if (text.getBuffer().length() > MAX_VARIABLE_LENGTH) {
            throw new IllegalStateException("The application's " + describe(name) + " take "
                    + text.getBuffer().length() + " characters; at most " + MAX_VARIABLE_LENGTH
                    + " can be handed to a worker in its environment");
        }
        variables.put(name, text.toString());
    }

    private static Map<String, Object> read(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        properties.stringPropertyNames().forEach((key) -> values.put(key, properties.getProperty(key)));
        return values;
    }

    private static String describe(String variable) {
        return switch (variable) {
            case OVERRIDES_VARIABLE -> "command-line and test properties";
            case DEFAULTS_VARIABLE -> "default properties";
            default -> "system properties";
        };
    }
}
