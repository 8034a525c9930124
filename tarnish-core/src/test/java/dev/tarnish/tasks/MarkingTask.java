package dev.tarnish.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.tarnish.Task;

/**
 * Leaves a line in the file named by the system property {@code tarnish.test.mark} when its class is
 * initialized, so a test can prove the class is never initialized in the caller's JVM.
 */
public class MarkingTask implements Task<String, String> {

    static {
        String file = System.getProperty("tarnish.test.mark");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    @Override
    public String run(String input) {
        return Long.toString(ProcessHandle.current().pid());
    }
}
