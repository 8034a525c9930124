package dev.tarnish.spring.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.tarnish.WorkerLaunch;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * How the workers of a Spring Boot application are started, decided from how the application itself
 * was started. Registered as a bean by the launch hook; the default {@link WorkerLaunch} bean uses it.
 *
 * <p>When this JVM's main class is the application's (a {@code java -jar} fat jar,
 * {@code spring-boot:run}, an IDE), a worker re-runs the same command line, and the launch hook
 * turns that run into a worker. Otherwise, as in {@code @SpringBootTest} where the JVM's main is a
 * test runner, a worker runs {@link SpringWorkerMain} with the application's configuration classes
 * and active profiles, and is handed the properties it could not read itself ({@link ParentProperties}),
 * as they are when {@link #launch()} is asked for: once the application's task processes are created.
 */
public final class ApplicationWorkerLaunch {

    /** The bean name under which the launch hook registers it. */
    public static final String BEAN_NAME = "tarnishApplicationWorkerLaunch";

    private static final String BOOT_LOADER_PACKAGE = "org.springframework.boot.loader.";

    /**
     * Test runners' main classes. Under them Spring deduces the runner as the application's main
     * class (the first {@code main} on the stack), and re-running a test JVM would run the tests again.
     */
    private static final List<String> TEST_RUNNER_PACKAGES = List.of("org.apache.maven.surefire.",
            "org.junit.", "com.intellij.rt.", "org.eclipse.jdt.internal.junit", "worker.org.gradle.",
            "org.gradle.");

    private final boolean rerunApplication;

    private final List<String> workerMainArguments;

    /** The application's environment, read when a launch is asked for. */
    private final ConfigurableEnvironment environment;

    private ApplicationWorkerLaunch(boolean rerunApplication, List<String> workerMainArguments,
            ConfigurableEnvironment environment) {
        this.rerunApplication = rerunApplication;
        this.workerMainArguments = List.copyOf(workerMainArguments);
        this.environment = environment;
    }

    /**
     * Decides how the workers of an application are started.
     * @param application the application being run
     * @param environment its environment: its active profiles now, its properties when {@link #launch()} is asked for
     * @return the decision
     */
    public static ApplicationWorkerLaunch of(SpringApplication application, ConfigurableEnvironment environment) {
        Class<?> mainClass = application.getMainApplicationClass();
        boolean rerun = rerunsApplication(jvmMainClass(), (mainClass != null) ? mainClass.getName() : null);
        List<String> arguments = new ArrayList<>();
        for (Object source : application.getAllSources()) {
            if (source instanceof Class<?> type) {
                arguments.add(type.getName());
            }
            else if (source instanceof String name) {
                arguments.add(name);
            }
        }
        if (environment.getActiveProfiles().length > 0) {
            arguments.add("--spring.profiles.active="
                    + StringUtils.arrayToCommaDelimitedString(environment.getActiveProfiles()));
        }
        return new ApplicationWorkerLaunch(rerun, arguments, environment);
    }

    /**
     * Tells whether re-running this JVM's command line starts the application.
     * @param jvmMainClass the class this JVM was started with (the {@code Start-Class} of a fat jar),
     *     or {@code null} if unknown
     * @param applicationMainClass the application's main class, or {@code null} if it has none
     * @return whether workers can re-run the application
     */
    static boolean rerunsApplication(String jvmMainClass, String applicationMainClass) {
        if (applicationMainClass == null || isTestRunner(jvmMainClass) || isTestRunner(applicationMainClass)) {
            return false;
        }
        if (jvmMainClass == null) {
            return true; // no way to tell on this JVM; the application's own main is the likely entry
        }
        return jvmMainClass.startsWith(BOOT_LOADER_PACKAGE) || jvmMainClass.equals(applicationMainClass);
    }

    private static boolean isTestRunner(String className) {
        return className != null && TEST_RUNNER_PACKAGES.stream().anyMatch(className::startsWith);
    }

    /**
     * Returns whether workers re-run the application's command line.
     * @return {@code true} for a re-run, {@code false} for {@link SpringWorkerMain}
     */
    public boolean rerunsApplication() {
        return this.rerunApplication;
    }

    /**
     * Returns the launch.
     * @return the launch of the application's workers
     */
    public WorkerLaunch launch() {
        return this.rerunApplication ? WorkerLaunch.currentApplication()
                : WorkerLaunch.mainClass(SpringWorkerMain.class.getName(), this.workerMainArguments)
                    .withEnvironment(ParentProperties.capture(this.environment));
    }

    /** The JVM's main class; for {@code java -jar}, the jar's {@code Start-Class} or {@code Main-Class}. */
    private static String jvmMainClass() {
        String command = System.getProperty("sun.java.command");
        if (!StringUtils.hasText(command)) {
            return null;
        }
        String first = command.trim().split("\\s+", 2)[0];
        return first.endsWith(".jar") ? jarMainClass(first) : first;
    }

    private static String jarMainClass(String jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return null;
            }
            Attributes attributes = manifest.getMainAttributes();
            String startClass = attributes.getValue("Start-Class");
            return (startClass != null) ? startClass : attributes.getValue(Attributes.Name.MAIN_CLASS);
        }
        catch (IOException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return this.rerunApplication ? "re-run the application"
                : SpringWorkerMain.class.getSimpleName() + " " + this.workerMainArguments;
    }
}
