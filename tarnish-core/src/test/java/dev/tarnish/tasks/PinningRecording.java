package dev.tarnish.tasks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of every {@code jdk.VirtualThreadPinned} event (threshold 0, with stack traces),
 * for {@link VirtualThreadCallers}. It has virtual threads pin on purpose, as canaries: once in a
 * class initializer, which pins on every JDK with virtual threads, so that a recording which misses
 * it sees no pinning at all and the check fails rather than passing silently; and once blocking
 * inside {@code synchronized}, which pins on JDK 21 to 23 and, with JEP 491, no longer on JDK 24 and
 * later, unless monitors are made to pin again ({@code -XX:LockingMode=1}).
 */
final class PinningRecording {

    static final String EVENT = "jdk.VirtualThreadPinned";

    private final Recording recording = new Recording();

    PinningRecording() {
        this.recording.enable(EVENT).withThreshold(Duration.ZERO).withStackTrace();
    }

    void start() {
        this.recording.start();
    }

    /**
     * Pins the calling thread, a virtual thread, once: it blocks while initializing {@code Canary}.
     * @return a value, so that the class is initialized
     */
    static int pinInClassInitializer() {
        return Canary.VALUE;
    }

    /**
     * Blocks the calling thread, a virtual thread, inside {@code synchronized}: pinned where monitors pin.
     * @return a value
     */
    static int blockInMonitor() {
        return Canary.inMonitor();
    }

    /**
     * Stops the recording and returns its pinned events: the canary's, and all others.
     * @param file where to write the recording
     * @return the events
     * @throws IOException if the recording cannot be written or read
     */
    Events stop(Path file) throws IOException {
        this.recording.stop();
        this.recording.dump(file);
        this.recording.close();
        Events events = new Events(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals(EVENT)) {
                events.sort(event);
            }
        }
        return events;
    }

    /**
     * The pinned events of a recording.
     * @param classInitializer those of {@link #pinInClassInitializer()}
     * @param monitor those of {@link #blockInMonitor()}
     * @param jdk those not of a caller (no tarnish frame: the JDK's own virtual threads, such as its
     *     poller's), and those of a caller that enters the state lock of a socket channel that another
     *     thread closes ({@link #endsReadWhileClosed})
     * @param callers every other one: a caller pinned on the path under test
     */
    record Events(List<RecordedEvent> classInitializer, List<RecordedEvent> monitor, List<RecordedEvent> jdk,
            List<RecordedEvent> callers) {

        void sort(RecordedEvent event) {
            List<RecordedFrame> frames = (event.getStackTrace() != null) ? event.getStackTrace().getFrames() : List.of();
            String canary = frames.stream()
                .filter((frame) -> frame.getMethod().getType().getName().equals(Canary.class.getName()))
                .map((frame) -> frame.getMethod().getName())
                .findFirst()
                .orElse(null);
            if (canary != null) {
                (canary.equals("<clinit>") ? this.classInitializer : this.monitor).add(event);
            }
            else if (frames.stream().noneMatch((frame) -> typeName(frame).startsWith("dev.tarnish."))
                    || endsReadWhileClosed(event, frames)) {
                this.jdk.add(event);
            }
            else {
                this.callers.add(event);
            }
        }

        private static String typeName(RecordedFrame frame) {
            return frame.getMethod().getType().getName();
        }

        /**
         * A caller whose read or write ended as another thread closed the channel (a deadline or a
         * cancellation kills the worker and closes its channel: that is how a blocked call ends)
         * enters the channel's state lock while the closing thread still holds it. The JDK's own
         * monitor, not tarnish's: on JDK 21 it blocks the carrier for the moment the close holds it,
         * and JDK 21 records no {@code jdk.VirtualThreadPinned} event for a contended monitor.
         */
        private static boolean endsReadWhileClosed(RecordedEvent event, List<RecordedFrame> frames) {
            RecordedFrame innermost = frames.get(0);
            return String.valueOf(field(event, "blockingOperation")).startsWith("Contended monitor enter")
                    && typeName(innermost).equals("sun.nio.ch.SocketChannelImpl")
                    && (innermost.getMethod().getName().equals("endRead")
                            || innermost.getMethod().getName().equals("endWrite"));
        }

        /** Prints the JDK's events and the callers' with their whole stacks, innermost frame first. */
        void print(PrintStream out) {
            print(out, "JDK PINNED EVENT", this.jdk);
            print(out, "PINNED EVENT", this.callers);
        }

        private static void print(PrintStream out, String title, List<RecordedEvent> events) {
            for (RecordedEvent event : events) {
                out.println(title + " " + event.getDuration().toNanos() / 1000 + " us on " + threadName(event)
                        + describe(event, "blockingOperation") + describe(event, "pinnedReason"));
                if (event.getStackTrace() == null) {
                    out.println("    (no stack trace)");
                    continue;
                }
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    out.println("    at " + frame.getMethod().getType().getName() + "." + frame.getMethod().getName()
                            + " line " + frame.getLineNumber());
                }
                if (event.getStackTrace().isTruncated()) {
                    out.println("    ... (truncated)");
                }
            }
        }

        private static String threadName(RecordedEvent event) {
            return (event.getThread() != null) ? "thread " + event.getThread().getJavaThreadId() : "unknown thread";
        }

        /** A field that says why (JDK 24 and later), where the JDK records it; or {@code null}. */
        private static Object field(RecordedEvent event, String name) {
            return event.hasField(name) ? event.getValue(name) : null;
        }

        private static String describe(RecordedEvent event, String name) {
            return event.hasField(name) ? ", " + name + ": " + event.getValue(name) : "";
        }
    }

    /** Where the canaries block, until {@link #release} sees them blocked. */
    private static final class Canary {

        private static final Object MONITOR = new Object();

        static final int VALUE = awaitRelease();

        static int inMonitor() {
            synchronized (MONITOR) {
                return awaitRelease();
            }
        }
    }

    /**
     * Blocks until another thread has seen this one parked; a release that came before the park would
     * let it pass without blocking, and without the event the canary is for.
     */
    private static int awaitRelease() {
        Semaphore gate = new Semaphore(0);
        Thread blocked = Thread.currentThread();
        // Outside Canary: the releasing thread must not wait for the canary's initialization.
        Thread releaser = new Thread(() -> release(gate, blocked), "pinning-canary-releaser");
        releaser.setDaemon(true);
        releaser.start();
        gate.acquireUninterruptibly();
        return 42;
    }

    private static void release(Semaphore gate, Thread blocked) {
        while (!gate.hasQueuedThreads() || blocked.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        gate.release();
    }
}
