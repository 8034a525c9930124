package dev.tarnish.internal.supervise;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.tarnish.CrashReport;
import dev.tarnish.PoisonInputException;
import dev.tarnish.TaskSettings;
import dev.tarnish.internal.protocol.Frame;

/**
 * Inputs that crash worker after worker. An input is known by the SHA-256 digest of its encoded bytes;
 * once {@link TaskSettings#poisonThreshold()} workers crashed on it within
 * {@link TaskSettings#poisonTtl()}, it is refused before it reaches another worker.
 *
 * <p>Memory is bounded: at most {@value #CAPACITY} inputs are remembered, the least recently seen
 * forgotten first. While no input has crashed a worker, a call costs an uncontended lock and a map
 * look-up; afterwards a digest too, when its encoded length is that of an input that did. Crashes on
 * a worker that never had the call (it was dead before it was sent) are not counted. Thread-safe.
 *
 * <p>Every call passes here on its caller's thread, which may be a virtual thread: the lock is a
 * {@link ReentrantLock}, on which a waiting virtual thread leaves its carrier, where a contended
 * monitor would block the carrier on JDK 21 to 23, for as long as a digest of up to
 * {@code max-frame-size} bytes takes.
 */
final class PoisonQuarantine {

    static final int CAPACITY = 1024;

    private final String taskName;

    private final int threshold;

    private final long ttlNanos;

    private final ReentrantLock lock = new ReentrantLock();

    /** Digest to its recent crashes, in access order for the eviction; guarded by {@link #lock}. */
    private final LinkedHashMap<String, Crashes> inputs = new LinkedHashMap<>(16, 0.75f, true) {

        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Crashes> eldest) {
            boolean evict = size() > CAPACITY;
            if (evict) {
                forgetLength(eldest.getValue().length);
            }
            return evict;
        }
    };

    /**
     * How many remembered inputs have each encoded length: most calls are told apart by it alone.
     * Guarded by {@link #lock}.
     */
    private final Map<Integer, Integer> lengths = new HashMap<>();

    PoisonQuarantine(String taskName, TaskSettings settings) {
        this.taskName = taskName;
        this.threshold = settings.poisonThreshold();
        // Saturates: a ttl of "forever" is one.
        this.ttlNanos = TimeUnit.NANOSECONDS.convert(settings.poisonTtl());
    }

    /**
     * Returns the refusal of an input that crashed too many workers, or {@code null} to let it through.
     * @param call the encoded input
     * @return the refusal, or {@code null}
     */
    PoisonInputException refusal(Frame call) {
        if (this.threshold == 0) {
            return null;
        }
        this.lock.lock();
        try {
            if (!this.lengths.containsKey(call.payload().length)) {
                return null;
            }
            Crashes crashes = this.inputs.get(digest(call));
            if (crashes == null) {
                return null;
            }
            List<CrashReport> recent = crashes.recent(System.nanoTime() - this.ttlNanos);
            return (recent.size() >= this.threshold) ? new PoisonInputException(this.taskName, recent) : null;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Remembers that a worker crashed on an input.
     * @param call the encoded input
     * @param report the crash
     */
    void crashed(Frame call, CrashReport report) {
        if (this.threshold == 0) {
            return;
        }
        // Outside the lock: the digest of a large input takes long, and needs nothing guarded.
        String digest = digest(call);
        this.lock.lock();
        try {
            Crashes crashes = this.inputs.computeIfAbsent(digest, (key) -> {
                this.lengths.merge(call.payload().length, 1, Integer::sum);
                return new Crashes(call.payload().length);
            });
            crashes.add(report, System.nanoTime(), this.threshold);
        }
        finally {
            this.lock.unlock();
        }
    }

    /** How many inputs are refused now. */
    int quarantined() {
        this.lock.lock();
        try {
            long since = System.nanoTime() - this.ttlNanos;
            int count = 0;
            for (Iterator<Crashes> it = this.inputs.values().iterator(); it.hasNext();) {
                Crashes crashes = it.next();
                int recent = crashes.recent(since).size();
                if (recent == 0) {
                    forgetLength(crashes.length);
                    it.remove();
                }
                else if (recent >= this.threshold) {
                    count++;
                }
            }
            return count;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Forgets every input, as when the process is restarted. */
    void clear() {
        this.lock.lock();
        try {
            this.inputs.clear();
            this.lengths.clear();
        }
        finally {
            this.lock.unlock();
        }
    }

    private void forgetLength(int length) {
        this.lengths.computeIfPresent(length, (key, count) -> (count > 1) ? count - 1 : null);
    }

    private static String digest(Frame call) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(call.payload()));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    /** The last crashes on one input, at most as many as the threshold. */
    private static final class Crashes {

        private final int length;

        private final ArrayDeque<CrashReport> reports = new ArrayDeque<>();

        private final ArrayDeque<Long> times = new ArrayDeque<>();

        Crashes(int length) {
            this.length = length;
        }

        void add(CrashReport report, long nanos, int keep) {
            this.reports.addLast(report);
            this.times.addLast(nanos);
            while (this.reports.size() > keep) {
                this.reports.removeFirst();
                this.times.removeFirst();
            }
        }

        List<CrashReport> recent(long sinceNanos) {
            while (!this.times.isEmpty() && this.times.peekFirst() - sinceNanos < 0) {
                this.times.removeFirst();
                this.reports.removeFirst();
            }
            return new ArrayList<>(this.reports);
        }
    }
}
