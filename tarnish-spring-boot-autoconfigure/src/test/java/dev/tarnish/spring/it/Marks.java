package dev.tarnish.spring.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Marks left by test applications, in the parent and in workers, in a file shared by both: the path
 * comes from the system property {@code tarnish.test.marks}, set on the JVM command line so that
 * workers inherit it. One line per mark: {@code <kind> <pid>}.
 */
public final class Marks {

    private Marks() {
    }

    /**
     * Appends a mark of this process.
     * @param kind what happened
     */
    public static synchronized void write(String kind) {
        try {
            Path file = file();
            Files.createDirectories(file.getParent());
            Files.writeString(file, kind + " " + ProcessHandle.current().pid() + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads every mark.
     * @return the lines
     */
    public static List<String> read() {
        try {
            Path file = file();
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Tells whether a process left a mark of a kind.
     * @param kind the kind
     * @param pid the process
     * @return whether the mark is there
     */
    public static boolean has(String kind, long pid) {
        return read().contains(kind + " " + pid);
    }

    private static Path file() {
        String directory = System.getProperty("tarnish.test.marks");
        if (directory == null) {
            throw new IllegalStateException("System property tarnish.test.marks is not set");
        }
        return Path.of(directory, "marks.txt");
    }
}
