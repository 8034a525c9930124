package dev.tarnish.internal.launch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains and reuses a class-data-sharing archive for a task's workers, so that a worker maps the
 * classes it needs instead of loading and verifying them again: a dynamic CDS archive on JDK 17 to
 * 24 ({@code -XX:ArchiveClassesAtExit}), the AOT cache on JDK 25 and later ({@code -XX:AOTCacheOutput}).
 *
 * <p>One worker at a time trains: it runs normally and the JVM writes the archive when the worker
 * exits on request (recycled, restarted, closed). Later workers use it, also those of the next run of
 * the application: archives live in a private cache folder, one per worker command line, JDK and
 * class path (sizes and times of its files), so a new build gets a new archive. Whatever goes wrong
 * (a JVM that cannot dump, a stale archive), the worker starts without sharing: never a failure.
 * Thread-safe.
 */
public final class ClassDataSharing {

    private static final int AOT_CACHE_FEATURE = 25;

    private final Path archive;

    private final Path unusable;

    private final boolean aotCache;

    private final AtomicBoolean training = new AtomicBoolean();

    /** Set when a training worker failed to start: no more training in this run, whatever the cause. */
    private volatile boolean trainingFailed;

    private ClassDataSharing(Path archive, Path unusable, boolean aotCache) {
        this.archive = archive;
        this.unusable = unusable;
        this.aotCache = aotCache;
    }

    /**
     * Prepares the archive of a worker command line.
     * @param cacheDirectory where archives are kept; created private to the user if missing
     * @param command the worker command line without the parts that change from worker to worker
     * @return the archive's manager, or {@code null} if the class path holds class directories
     *     (which cannot be archived) or the cache folder cannot be used
     */
    public static ClassDataSharing forCommand(Path cacheDirectory, List<String> command) {
        if (ClassPathEntries.hasDirectory(command) || choosesSharing(command) || loadsNativeAgent(command)) {
            // The JVM refuses to start when asked to archive a class path with class directories, to
            // write an archive while another is already given, or to write one with a native agent
            // loaded (a profiler's, an APM vendor's): leave the worker's sharing alone.
            return null;
        }
        try {
            Files.createDirectories(cacheDirectory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            removeAbandonedTraining(cacheDirectory);
            boolean aotCache = Runtime.version().feature() >= AOT_CACHE_FEATURE;
            String key = key(withoutProgramArguments(command));
            Path archive = cacheDirectory.resolve(key + (aotCache ? ".aot" : ".jsa"));
            evict(cacheDirectory, maxCacheBytes(), archive);
            return new ClassDataSharing(archive, cacheDirectory.resolve(key + ".unusable"), aotCache);
        }
        catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    /**
     * Returns the default cache folder: the system property {@code tarnish.cache.dir} if set, else
     * {@code $XDG_CACHE_HOME/tarnish/cds}, else {@code ~/.cache/tarnish/cds}.
     * @return the folder
     */
    public static Path defaultCacheDirectory() {
        String configured = System.getProperty("tarnish.cache.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = (xdg != null && !xdg.isBlank()) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tarnish").resolve("cds");
    }

    /**
     * Chooses the sharing options of the next worker: use the archive, train it, or neither (another
     * worker is training, or this JVM cannot make one).
     * @return the options and, for a training worker, where its archive is written
     */
    public Plan next() {
        if (Files.isRegularFile(this.archive)) {
            touch(this.archive);
            return new Plan(this.aotCache ? List.of("-XX:AOTCache=" + this.archive, "-Xlog:aot=off", "-Xlog:cds=off")
                    : List.of("-XX:SharedArchiveFile=" + this.archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), null);
        }
        if (this.trainingFailed || Files.exists(this.unusable) || !this.training.compareAndSet(false, true)) {
            return new Plan(List.of(), null);
        }
        // Written next to the archive, under a name of its own, and moved into place when complete.
        Path output = this.archive.resolveSibling(this.archive.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + System.nanoTime() + ".training");
        return new Plan(this.aotCache ? List.of("-XX:AOTCacheOutput=" + output, "-Xlog:aot=off", "-Xlog:cds=off")
                : List.of("-XX:ArchiveClassesAtExit=" + output, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), output);
    }

    /**
     * Notes that a training worker failed before it was ready. Its cause may have nothing to do with
     * sharing (a task that cannot be created), but a sharing option the JVM refuses must not turn into
     * a crash loop: later workers of this run start without training. The next run tries again.
     */
    public void trainingFailedAtStart() {
        this.trainingFailed = true;
    }

    /**
     * Publishes what a training worker wrote, once it has exited.
     * @param output where it wrote its archive
     * @param exitCode its exit status
     * @return whether an archive was published
     */
    public boolean trainingEnded(Path output, int exitCode) {
        try {
            if (exitCode == 0 && Files.isRegularFile(output) && Files.size(output) > 0) {
                Files.move(output, this.archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                evict(this.archive.getParent(), maxCacheBytes(), this.archive);
                return true;
            }
            else if (exitCode == 0) {
                // A clean exit without an archive: this JVM cannot archive this class path (directories
                // on it, for one). Do not make every later worker try again.
                Files.writeString(this.unusable, "no archive written", StandardCharsets.UTF_8);
            }
            Files.deleteIfExists(output);
        }
        catch (IOException ex) {
            // The next worker trains again; nothing else depends on the archive.
        }
        finally {
            this.training.set(false);
        }
        return false;
    }

    /** Marks an archive as used now, for the cache's least-recently-used eviction. */
    private static void touch(Path archive) {
        try {
            Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis()));
        }
        catch (IOException ex) {
            // Only the eviction order suffers.
        }
    }

    /**
     * The archive depends on the JVM, its options and the class path, not on what the program is
     * told: a port or a file name in the arguments must not make every run train a new archive.
     */
    static List<String> withoutProgramArguments(List<String> command) {
        if (command.isEmpty()) {
            return command;
        }
        CurrentJvm parsed = CurrentJvm.parse(command.get(0), command.subList(1, command.size()));
        if (parsed == null) {
            return command;
        }
        List<String> kept = new ArrayList<>();
        kept.add(parsed.javaExecutable());
        kept.addAll(parsed.jvmOptions());
        kept.addAll(parsed.program());
        return kept;
    }

    private static boolean loadsNativeAgent(List<String> command) {
        return command.stream().anyMatch((option) -> option.startsWith("-agentpath:") || option.startsWith("-agentlib:")
                || option.startsWith("-Xrun"));
    }

    private static boolean choosesSharing(List<String> command) {
        return command.stream().anyMatch((option) -> option.startsWith("-XX:SharedArchiveFile")
                || option.startsWith("-XX:AOTCache") || option.startsWith("-XX:AOTMode") || option.startsWith("-Xshare:")
                || option.startsWith("-XX:ArchiveClassesAtExit") || option.startsWith("-XX:+AutoCreateSharedArchive"));
    }

    /**
     * Training output whose parent was killed before it could publish or delete it. A JVM writes its
     * archive only as it exits, within seconds, so a file whose parent (the pid in its name) is dead is
     * abandoned, and so is one older than an hour whatever its pid says (pids are reused).
     */
    static void removeAbandonedTraining(Path cacheDirectory) throws IOException {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (var files = Files.newDirectoryStream(cacheDirectory, "*.training")) {
            for (Path file : files) {
                long parent = trainingParent(file.getFileName().toString());
                boolean parentAlive = parent > 0 && ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false);
                if (!parentAlive || Files.getLastModifiedTime(file).toMillis() < hourAgo) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The pid in {@code <archive>.<pid>-<nanos>.training}, or -1. */
    static long trainingParent(String fileName) {
        String stem = fileName.substring(0, fileName.length() - ".training".length());
        int dash = stem.lastIndexOf('-');
        int dot = stem.lastIndexOf('.', dash);
        if (dash < 0 || dot < 0) {
            return -1;
        }
        try {
            return Long.parseLong(stem.substring(dot + 1, dash));
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /**
     * Keeps the cache within its bound: archives of other command lines (older builds, other JDKs) go,
     * least recently used first, until the folder holds at most {@code maxBytes}; the archive in use
     * stays whatever its size.
     */
    static void evict(Path cacheDirectory, long maxBytes, Path keep) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (var files = Files.newDirectoryStream(cacheDirectory, (file) -> isArchive(file) && !file.equals(keep))) {
            files.forEach(archives::add);
        }
        long total = (keep != null && Files.isRegularFile(keep)) ? Files.size(keep) : 0;
        for (Path archive : archives) {
            total += Files.size(archive);
        }
        archives.sort(Comparator.comparingLong(ClassDataSharing::lastUse));
        for (Path archive : archives) {
            if (total <= maxBytes) {
                return;
            }
            total -= Files.size(archive);
            Files.deleteIfExists(archive);
            Files.deleteIfExists(archive.resolveSibling(withoutExtension(archive) + ".unusable"));
        }
    }

    private static boolean isArchive(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jsa") || name.endsWith(".aot");
    }

    private static String withoutExtension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static long lastUse(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        }
        catch (IOException ex) {
            return 0;
        }
    }

    /**
     * The cache's bound: the system property {@code tarnish.cache.max-size} in MiB, default 1024.
     * @return the bound in bytes
     */
    static long maxCacheBytes() {
        long mebibytes = 1024;
        String configured = System.getProperty("tarnish.cache.max-size");
        if (configured != null && !configured.isBlank()) {
            try {
                mebibytes = Math.max(0, Long.parseLong(configured.trim()));
            }
            catch (NumberFormatException ex) {
                // A malformed bound is no reason to stop a worker: the default holds.
            }
        }
        return mebibytes * 1024 * 1024;
    }

    private static String key(List<String> command) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home"));
            update(digest, System.getProperty("java.vm.version"));
            for (String argument : command) {
                update(digest, argument);
                for (String element : argument.split(File.pathSeparator)) {
                    fingerprint(digest, element);
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A jar of the class path changes with every build: its size and time are part of the key. */
    private static void fingerprint(MessageDigest digest, String element) {
        if (element.isEmpty() || element.startsWith("-")) {
            return;
        }
        try {
            Path path = Path.of(element);
            if (Files.isRegularFile(path)) {
                update(digest, Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis());
            }
        }
        catch (IOException | RuntimeException ex) {
            // Not a path after all.
        }
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /**
     * The sharing options of one worker.
     * @param options the JVM options to add
     * @param trainingOutput where a training worker writes its archive, or {@code null}
     */
    public record Plan(List<String> options, Path trainingOutput) {
    }
}
