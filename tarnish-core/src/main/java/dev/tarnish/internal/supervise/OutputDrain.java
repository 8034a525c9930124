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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.tarnish.WorkerOutput;

/**
 * Drains one output stream of a worker on a daemon thread: every line goes to the task's
 * {@link WorkerOutput}, and the last lines are kept for crash reports. A worker whose pipe is not
 * drained would block once the pipe buffer is full, so this runs from the moment the process starts
 * until it ends, whatever the output does.
 *
 * <p>A caller waits here for a dead worker's last lines, on its own thread, which may be a virtual
 * thread: the tail is guarded by a {@link ReentrantLock} and the end is a latch, not a monitor, nor
 * {@link Thread#join}, whose {@code Object.wait} pins a virtual thread to its carrier on JDK 21 to 23.
 */
final class OutputDrain {

    /**
     * Longer lines are cut, so native code printing without newlines cannot exhaust memory. Large
     * enough for a structured log event with a long stack trace, which must reach the output whole.
     */
    private static final int MAX_LINE = 256 * 1024;

    /** The tail keeps lines cut to this length, as it always has: 40 of them stay small. */
    private static final int MAX_TAIL_LINE = 8 * 1024;

    /** Beyond this, the line buffer is given back after a line: a long line is rare. */
    private static final int KEPT_CAPACITY = 2 * MAX_TAIL_LINE;

    private static final Logger LOGGER = System.getLogger(OutputDrain.class.getName());

    private final WorkerOutput output;

    private final String taskName;

    private final long pid;

    private final WorkerOutput.Source source;

    private final int tailLines;

    /** Whether the output has failed yet: only its first failure is logged as a warning. */
    private boolean outputFailed;

    private final ReentrantLock tailLock = new ReentrantLock();

    /** Guarded by {@link #tailLock}. */
    private final ArrayDeque<String> tail;

    private final CountDownLatch ended = new CountDownLatch(1);

    OutputDrain(InputStream stream, WorkerOutput output, String taskName, long pid, WorkerOutput.Source source,
            int tailLines, String threadName) {
        this.output = output;
        this.taskName = taskName;
        this.pid = pid;
        this.source = source;
        this.tailLines = tailLines;
        this.tail = new ArrayDeque<>(tailLines);
        Thread thread = new Thread(() -> {
            try {
                drain(stream);
            }
            finally {
                this.ended.countDown();
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Returns the last lines read so far, oldest first.
     * @return the tail
     */
    List<String> tail() {
        this.tailLock.lock();
        try {
            return List.copyOf(this.tail);
        }
        finally {
            this.tailLock.unlock();
        }
    }

    /**
     * Waits until the stream has ended and every line has been read.
     * @param timeout the longest to wait
     * @return whether the stream ended in time
     */
    boolean awaitEnd(Duration timeout) {
        try {
            return this.ended.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return this.ended.getCount() == 0;
        }
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
        if (line.capacity() > KEPT_CAPACITY) {
            line.trimToSize();
        }
        keep(text);
        try {
            this.output.line(this.taskName, this.pid, this.source, text);
        }
        catch (Throwable ex) {
            // The stream must be drained whatever the output does, or the worker blocks on a full pipe.
            Level level = this.outputFailed ? Level.DEBUG : Level.WARNING;
            this.outputFailed = true;
            LOGGER.log(level, "The output of the workers of task '" + this.taskName + "' failed on a line of worker "
                    + this.pid + "; the lines are still drained", ex);
        }
    }

    /** Keeps the line in the tail in pieces of at most {@link #MAX_TAIL_LINE}, as lines were always cut. */
    private void keep(String text) {
        this.tailLock.lock();
        try {
            int start = 0;
            do {
                int end = Math.min(text.length(), start + MAX_TAIL_LINE);
                if (this.tail.size() == this.tailLines) {
                    this.tail.removeFirst();
                }
                this.tail.addLast(text.substring(start, end));
                start = end;
            }
            while (start < text.length());
        }
        finally {
            this.tailLock.unlock();
        }
    }
}
