package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Drains one output stream of a worker on a daemon thread: every line goes to the task's logger, and
 * the last lines are kept for crash reports. A worker whose pipe is not drained would block once the
 * pipe buffer is full, so this runs from the moment the process starts until it ends.
 */
final class OutputDrain {

    /** Longer lines are cut, so native code printing without newlines cannot exhaust memory. */
    private static final int MAX_LINE = 8 * 1024;

    private final Logger logger;

    private final Level level;

    private final String prefix;

    private final int tailLines;

    private final ArrayDeque<String> tail;

    private final Thread thread;

    OutputDrain(InputStream stream, Logger logger, Level level, String prefix, int tailLines, String threadName) {
        this.logger = logger;
        this.level = level;
        this.prefix = prefix;
        this.tailLines = tailLines;
        this.tail = new ArrayDeque<>(tailLines);
        this.thread = new Thread(() -> drain(stream), threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Returns the last lines read so far, oldest first.
     * @return the tail
     */
    List<String> tail() {
        synchronized (this.tail) {
            return List.copyOf(this.tail);
        }
    }

    /**
     * Waits until the stream has ended and every line has been read.
     * @param timeout the longest to wait
     * @return whether the stream ended in time
     */
    boolean awaitEnd(Duration timeout) {
        try {
            this.thread.join(Math.max(1, timeout.toMillis()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return !this.thread.isAlive();
    }

    private void drain(InputStream stream) {
        StringBuilder line = new StringBuilder();
        try (Reader reader = new InputStreamReader(stream, Charset.defaultCharset())) {
            char[] buffer = new char[4096];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        emit(line);
                    }
                    else if (c != '\r') {
                        line.append(c);
                        if (line.length() >= MAX_LINE) {
                            emit(line);
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            // The process ended or its stream was closed: nothing more to drain.
        }
        if (line.length() > 0) {
            emit(line);
        }
    }

    private void emit(StringBuilder line) {
        String text = line.toString();
        line.setLength(0);
        synchronized (this.tail) {
            if (this.tail.size() == this.tailLines) {
                this.tail.removeFirst();
            }
            this.tail.addLast(text);
        }
        if (this.logger.isLoggable(this.level)) {
            this.logger.log(this.level, this.prefix + text);
        }
    }
}
