package dev.tarnish.internal.supervise;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary of a HotSpot fatal error log ({@code hs_err_pid<pid>.log}): the line that names the
 * signal or internal error, and the problematic frame.
 *
 * @param signal the signal's name, such as {@code SIGSEGV}, or {@code null} for an internal error
 * @param summary the signal or error line and the problematic frame, in one line
 * @param outOfMemory whether the JVM died because native memory ran out
 */
record FatalErrorLog(String signal, String summary, boolean outOfMemory) {

    /** Only the head of the log is read: the summary is in the first lines of a possibly large file. */
    private static final int MAX_LINES = 80;

    private static final Pattern SIGNAL_LINE = Pattern.compile("^#\\s+(SIG[A-Z0-9]+)\\b.*");

    /**
     * Reads the summary of a fatal error log.
     * @param file the log file
     * @return the summary, or {@code null} if the file does not exist or holds no summary
     */
    static FatalErrorLog read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String errorLine = null;
            String signal = null;
            String frame = null;
            boolean outOfMemory = false;
            boolean frameNext = false;
            String line;
            for (int i = 0; i < MAX_LINES && (line = reader.readLine()) != null; i++) {
                if (frameNext) {
                    frame = line.replaceFirst("^#\\s*", "").trim();
                    frameNext = false;
                }
                else if (line.startsWith("# Problematic frame:")) {
                    frameNext = true;
                }
                else if (errorLine == null && isErrorLine(line)) {
                    errorLine = line.replaceFirst("^#\\s*", "").trim();
                    Matcher matcher = SIGNAL_LINE.matcher(line);
                    signal = matcher.matches() ? matcher.group(1) : null;
                }
                if (line.contains("insufficient memory for the Java Runtime Environment")) {
                    outOfMemory = true;
                }
            }
            if (errorLine == null && !outOfMemory) {
                return null;
            }
            String summary = (errorLine != null) ? errorLine : "insufficient native memory";
            if (frame != null) {
                summary = summary + "; problematic frame: " + frame;
            }
            return new FatalErrorLog(signal, summary, outOfMemory);
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static boolean isErrorLine(String line) {
        return SIGNAL_LINE.matcher(line).matches() || line.startsWith("#  Internal Error")
                || line.startsWith("#  Out of Memory Error") || line.startsWith("#  fatal error")
                || line.startsWith("#  guarantee") || line.startsWith("#  assert");
    }
}
