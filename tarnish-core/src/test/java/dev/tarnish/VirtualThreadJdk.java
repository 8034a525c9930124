package dev.tarnish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK that {@link VirtualThreadTests} runs its callers on: the tests themselves may run on JDK 17,
 * which has no virtual threads. Looked for in this order: {@code -Dtarnish.test.jdk25}, then
 * {@code JAVA25_HOME}, then the JDK running the tests if it is 21 or later, then
 * {@value #DEFAULT_HOME}. Despite the names, any JDK 21 or later will do.
 *
 * @param home the JDK's home, or {@code null} if none was found
 * @param feature its feature release (17, 21, 25), or 0 if none was found
 * @param source where it came from, for the messages
 */
record VirtualThreadJdk(Path home, int feature, String source) {

    static final String PROPERTY = "tarnish.test.jdk25";

    static final String ENVIRONMENT = "JAVA25_HOME";

    static final String DEFAULT_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);

    /**
     * Finds the JDK.
     * @return the JDK, or one with a {@code null} home if none was configured or found
     * @throws IllegalStateException if one was configured that is not a JDK
     */
    static VirtualThreadJdk find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return of(Path.of(configured), "-D" + PROPERTY);
        }
        configured = System.getenv(ENVIRONMENT);
        if (configured != null && !configured.isBlank()) {
            return of(Path.of(configured), ENVIRONMENT);
        }
        if (Runtime.version().feature() >= 21) {
            return new VirtualThreadJdk(Path.of(System.getProperty("java.home")), Runtime.version().feature(),
                    "the JDK running the tests");
        }
        if (Files.isExecutable(Path.of(DEFAULT_HOME, "bin", "java"))) {
            return of(Path.of(DEFAULT_HOME), "the default location");
        }
        return new VirtualThreadJdk(null, 0, "nowhere");
    }

    private static VirtualThreadJdk of(Path home, String source) {
        // A JDK someone named must be one: a typo should fail the build, not skip the check.
        if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
            throw new IllegalStateException(source + " names " + home + ", which has no bin/java");
        }
        try {
            Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
            if (!matcher.find()) {
                throw new IllegalStateException(source + " names " + home + ", whose release file has no JAVA_VERSION");
            }
            return new VirtualThreadJdk(home, Integer.parseInt(matcher.group(1)), source);
        }
        catch (IOException ex) {
            throw new IllegalStateException(source + " names " + home + ", which has no readable release file", ex);
        }
    }

    boolean found() {
        return this.home != null;
    }

    boolean hasVirtualThreads() {
        return this.feature >= 21;
    }

    /**
     * Whether its monitors no longer pin (JEP 491): a JDK 24 or later.
     * @return whether they do not
     */
    boolean monitorsUnmount() {
        return this.feature >= 24;
    }

    Path java() {
        return this.home.resolve("bin").resolve("java");
    }

    @Override
    public String toString() {
        return found() ? "JDK " + this.feature + " at " + this.home + " (from " + this.source + ")" : "no JDK";
    }
}
