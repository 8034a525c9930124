package dev.tarnish.internal.launch;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of a worker command line, as far as class-data sharing cares: the {@code -cp} or
 * {@code -jar} argument, and the {@code Class-Path} of jar manifests (a test runner's class path is
 * often a single jar whose manifest lists the real entries).
 */
final class ClassPathEntries {

    private ClassPathEntries() {
    }

    /**
     * Tells whether the command's class path holds a directory, which no class-data-sharing archive
     * can cover.
     * @param command the command line
     * @return whether a directory is on the class path
     */
    static boolean hasDirectory(List<String> command) {
        for (Path entry : of(command)) {
            if (Files.isDirectory(entry)) {
                return true;
            }
        }
        return false;
    }

    static List<Path> of(List<String> command) {
        List<Path> entries = new ArrayList<>();
        for (int i = 0; i + 1 < command.size(); i++) {
            String option = command.get(i);
            if (option.equals("-cp") || option.equals("-classpath") || option.equals("--class-path")) {
                for (String element : command.get(i + 1).split(File.pathSeparator)) {
                    add(entries, Path.of(element.isEmpty() ? "." : element));
                }
            }
            else if (option.equals("-jar")) {
                add(entries, Path.of(command.get(i + 1)));
            }
        }
        return entries;
    }

    private static void add(List<Path> entries, Path entry) {
        entries.add(entry);
        if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            entries.addAll(manifestClassPath(entry));
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = (manifest != null) ? manifest.getMainAttributes().getValue("Class-Path") : null;
            if (classPath == null) {
                return entries;
            }
            URI base = jar.toAbsolutePath().toUri();
            for (String element : classPath.trim().split("\\s+")) {
                URI uri = base.resolve(element);
                if ("file".equals(uri.getScheme())) {
                    entries.add(Path.of(uri));
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // An unreadable manifest hides nothing the JVM would read either.
        }
        return entries;
    }
}
