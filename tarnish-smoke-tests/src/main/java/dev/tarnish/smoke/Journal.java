package dev.tarnish.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A file shared by the application and its workers, named by the property {@code smoke.journal}: one
 * line per thing that happened, {@code <what> <pid>[ <detail>]}, so that a test can tell in which
 * process it happened.
 */
@Component
public class Journal {

    private final Path file;

    /**
     * Creates the journal.
     * @param file the file; a worker must be handed the same value as the application
     */
    public Journal(@Value("${smoke.journal}") Path file) {
        this.file = file;
    }

    /**
     * Appends a line for this process.
     * @param what what happened
     * @param detail more about it, or empty
     */
    public synchronized void write(String what, String detail) {
        String line = what + " " + ProcessHandle.current().pid() + (detail.isEmpty() ? "" : " " + detail);
        try {
            Files.createDirectories(this.file.getParent());
            Files.writeString(this.file, line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Appends a line for this process.
     * @param what what happened
     */
    public void write(String what) {
        write(what, "");
    }

    /**
     * Reads every line.
     * @param file the journal's file
     * @return the lines
     */
    public static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
