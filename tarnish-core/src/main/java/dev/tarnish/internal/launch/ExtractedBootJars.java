package dev.tarnish.internal.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Spring Boot executable jars extracted once into the cache, in Boot's own {@code -Djarmode=tools
 * extract} layout (the application's jar beside a {@code lib} folder), so that workers start from
 * plain jars whose classes class-data sharing can archive: from the nested jars of a fat jar, loaded
 * by Boot's own class loader, it can archive nothing. Each extraction is keyed by the jar's content,
 * made in the background the first time (until it is there, workers start from the fat jar, without
 * sharing), written to a private name and moved into place whole. Thread-safe.
 */
public final class ExtractedBootJars {

    private static final Logger logger = System.getLogger(ExtractedBootJars.class.getName());

    /** By jar path, size and time: the extracted application jar, or a marker that there is none. */
    private static final Map<String, Extraction> extractions = new ConcurrentHashMap<>();

    private static final Path NONE = Path.of("");

    private ExtractedBootJars() {
    }

    /**
     * Where a worker command stands: not a Boot jar, a Boot jar not extracted yet, or a Boot jar whose
     * extracted layout is ready.
     *
     * @param command the command to run, possibly with {@code -jar} replaced by the extracted jar
     * @param pending whether the command runs a Boot fat jar whose extraction is not ready yet
     * @param extracted the extracted jar that replaces the fat jar, or {@code null}
     */
    public record Choice(List<String> command, boolean pending, String extracted) {

        /**
         * Makes the same choice for another command line of the same launch (other JVM options).
         * @param other the command line
         * @return it, with the fat jar replaced if this choice replaced it
         */
        public List<String> applyTo(List<String> other) {
            int jarOption = other.indexOf("-jar");
            if (this.extracted == null || jarOption < 0 || jarOption + 1 >= other.size()) {
                return other;
            }
            List<String> rewritten = new ArrayList<>(other);
            rewritten.set(jarOption + 1, this.extracted);
            return rewritten;
        }
    }

    /**
     * Chooses how to run a command: from the extracted layout if the command runs a Boot fat jar with
     * {@code -jar} and its extraction is ready; otherwise as it is, starting the extraction if needed.
     * @param command the worker command
     * @param cacheDirectory the class-data-sharing cache folder; extractions go in its {@code jars} folder
     * @return the choice
     */
    public static Choice choose(List<String> command, Path cacheDirectory) {
        int jarOption = command.indexOf("-jar");
        if (jarOption < 0 || jarOption + 1 >= command.size()) {
            return new Choice(command, false, null);
        }
        Path jar = Path.of(command.get(jarOption + 1));
        Extraction extraction;
        try {
            String id = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
            extraction = extractions.computeIfAbsent(id,
                    (key) -> Extraction.start(command.get(0), jar, cacheDirectory.resolve("jars")));
        }
        catch (IOException | RuntimeException ex) {
            return new Choice(command, false, null);
        }
        Path extracted = extraction.result();
        if (extracted == null) {
            return new Choice(command, true, null);
        }
        if (extracted == NONE) {
            return new Choice(command, false, null);
        }
        Choice choice = new Choice(command, false, extracted.toString());
        return new Choice(choice.applyTo(command), false, extracted.toString());
    }

    /** One jar's extraction: done at once if the cache has it, else on a daemon thread. */
    private static final class Extraction {

        private volatile Path result;

        static Extraction start(String java, Path jar, Path folder) {
            Extraction extraction = new Extraction();
            if (!isBootJar(jar)) {
                extraction.result = NONE;
                return extraction;
            }
            Thread thread = new Thread(() -> extraction.result = extract(java, jar, folder),
                    "tarnish-extract-" + jar.getFileName());
            thread.setDaemon(true);
            thread.start();
            return extraction;
        }

        Path result() {
            return this.result;
        }
    }

    static boolean isBootJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Version") != null
                    && manifest.getMainAttributes().getValue("Start-Class") != null
                    && file.stream().anyMatch((entry) -> entry.getName().startsWith("BOOT-INF/lib/spring-boot-jarmode-tools"));
        }
        catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    /** Extracts the jar unless the cache has it already; {@link #NONE} when it cannot be done. */
    static Path extract(String java, Path jar, Path folder) {
        try {
            Path target = folder.resolve(contentKey(jar));
            Path extracted = target.resolve(jar.getFileName().toString());
            Files.createDirectories(folder,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            prune(folder, target);
            if (Files.isRegularFile(extracted)) {
                Files.setLastModifiedTime(target, FileTime.fromMillis(System.currentTimeMillis()));
                return extracted;
            }
            Path partial = folder.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + ".extracting");
            deleteTree(partial);
            Process process = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", partial.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                deleteTree(partial);
                return NONE;
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(partial.resolve(jar.getFileName().toString()))) {
                deleteTree(partial);
                logger.log(Level.DEBUG, "Cannot extract " + jar + " (exit " + process.exitValue() + "): workers start "
                        + "from it without class-data sharing");
                return NONE;
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (IOException ex) {
                // Another JVM of the same jar got there first: its layout is as good as this one.
                deleteTree(partial);
                if (!Files.isRegularFile(extracted)) {
                    throw ex;
                }
            }
            return extracted;
        }
        catch (IOException | RuntimeException ex) {
            logger.log(Level.DEBUG, "Cannot extract " + jar + ": workers start from it without class-data sharing", ex);
            return NONE;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return NONE;
        }
    }

    /** How many extracted jars the cache keeps besides the one in use: older builds go. */
    private static final int KEPT = 3;

    /**
     * Removes what other runs left: unfinished extractions of dead processes, and all but the
     * {@value #KEPT} most recently used extractions besides the one in use.
     */
    static void prune(Path folder, Path inUse) throws IOException {
        List<Path> done = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".extracting")) {
                    String pid = name.substring(name.lastIndexOf('.', name.length() - ".extracting".length() - 1) + 1,
                            name.length() - ".extracting".length());
                    if (!isAlive(pid)) {
                        deleteTree(entry);
                    }
                }
                else if (Files.isDirectory(entry) && !entry.equals(inUse)) {
                    done.add(entry);
                }
            }
        }
        done.sort(Comparator.comparingLong(ExtractedBootJars::lastModified).reversed());
        for (Path old : done.subList(Math.min(KEPT, done.size()), done.size())) {
            deleteTree(old);
        }
    }

    private static boolean isAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        }
        catch (IOException ex) {
            return 0;
        }
    }

    private static String contentKey(Path jar) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(jar),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest(), 0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
