package dev.tarnish.internal.protocol;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Carries the bodies of large frames through memory that both sides of a channel have mapped, a
 * file in a private directory on a memory file system ({@code /dev/shm}): the writer copies a body
 * into its region and sends only a small {@link MessageType#SHARED SHARED} frame that says where it
 * is, and the reader copies it out into the array it hands on. A body then costs two copies of
 * memory instead of four plus the kernel's socket round trips: a socket moves a large body in
 * buffer-sized pieces, with a wake-up of the reader for each.
 *
 * <p>Each side writes only into the one region it created and reads only from the one the other
 * side created. A region is a file of {@value #DATA_OFFSET} header bytes (the sequence number of the
 * body last written, and of the body last read, published with release and read with acquire
 * semantics) followed by room for one body. It grows when a body does not fit, to a new file whose
 * name travels with the first body in it; the reader maps it and deletes the name at once. A name is
 * left in the directory when its peer never maps it (a process that dies first, a control frame that
 * is never read); the directory is the caller's, who deletes it once the worker has exited and the
 * channel is closed. A region is never shrunk: it
 * costs, in shared memory counted once but shown in the resident size of both processes, the
 * largest body sent that way in its direction, until the worker ends. Its memory is freed by
 * truncating its file, never while the process that writes into it may still do so: by the reader
 * when the writer has moved on to a larger region, and by the caller for both directions once the
 * worker has exited ({@link #peerExited()}) and, for the worker's region, the channel is closed.
 *
 * <p>Whatever stops the shared path (a region that cannot be created, on a full {@code /dev/shm}
 * say, or a body the peer has not read yet) sends that body over the socket instead, as before;
 * nothing is lost and nothing waits. The region's pages are written once when it is created, so a
 * file system without room fails then, with an exception, and never later with a {@code SIGBUS} on
 * a page that could not be allocated.
 *
 * <p>{@link FrameChannel} calls the writing side from its one writer at a time and the reading side
 * from its one reader; each side holds a lock while it copies, so that freeing a region, from any
 * thread, waits for a copy in progress instead of pulling the memory from under it.
 */
public final class SharedBodies {

    /** Bodies from this size up go through shared memory; below it, a socket's copies cost less than the control frame's round trip. */
    public static final int THRESHOLD = 256 * 1024;

    /** The header: the sequence number written, then the one read, each 8 bytes, aligned. */
    static final int DATA_OFFSET = 64;

    private static final int WRITTEN = 0;

    private static final int READ = 8;

    /** Regions grow in steps of this size, with an eighth to spare, so that bodies of about one size reuse one. */
    private static final int GRANULE = 1 << 20;

    private static final Pattern REGION_NAME = Pattern.compile("[a-z]\\d{1,19}");

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Path directory;

    private final char side;

    private final int maxFrameSize;

    /** Held while this side's region is written, resized or released. */
    private final ReentrantLock writing = new ReentrantLock();

    /** Held while the peer's region is read, replaced or released. */
    private final ReentrantLock reading = new ReentrantLock();

    private Region outgoing;

    /** This side's earlier regions, until the peer has moved on from them and {@link #peerExited()}. */
    private final List<Region> retired = new ArrayList<>();

    private int regions;

    private long written;

    private Region incoming;

    private long read;

    /** The peer has exited: nothing more is written here, and this side's regions are freed. */
    private boolean peerGone;

    /** This side reads no more: the peer's region is freed once the peer is gone too. */
    private boolean readerClosed;

    /**
     * The smallest region that could not be created (a full {@code /dev/shm}, Docker's 64 MiB one
     * say): bodies that need one as large go over the socket without trying again until
     * {@link #refusedAt} is a while ago.
     */
    private volatile long refusedCapacity = Long.MAX_VALUE;

    /**
     * When a region was last refused ({@link System#nanoTime()}): a {@code /dev/shm} that was full a
     * moment ago may have room again, so the shared path is tried again after a while.
     */
    private volatile long refusedAt;

    private long retryRefusedAfterNanos = Duration.ofSeconds(30).toNanos();

    /** Whether the peer reads {@code SHARED} frames: until it has said so, this side sends none. */
    private volatile boolean peerReads;

    /** The number of the peer's newest region: a name must count up, or it is not the peer's. */
    private long lastIncoming;

    /** Run once, when both the peer is gone and this side reads no more; or {@code null}. */
    private final Runnable whenDone;

    private boolean done;

    /**
     * Creates the shared path of one side of a channel whose peer reads {@code SHARED} frames.
     * @param directory the private directory both sides can reach, on a memory file system
     * @param side a lower-case letter naming this side's regions, different from the peer's
     * @param maxFrameSize the largest body either side accepts
     */
    public SharedBodies(Path directory, char side, int maxFrameSize) {
        this(directory, side, maxFrameSize, true, null);
    }

    /**
     * Creates the shared path of one side of a channel.
     * @param directory the private directory both sides can reach, on a memory file system
     * @param side a lower-case letter naming this side's regions, different from the peer's
     * @param maxFrameSize the largest body either side accepts
     * @param peerReads whether the peer is known to read {@code SHARED} frames; if not, none is sent
     *     until {@link #peerReads()}
     * @param whenDone run once, when the peer has exited and this side reads no more: what is left of
     *     the directory can go then; or {@code null}
     */
    public SharedBodies(Path directory, char side, int maxFrameSize, boolean peerReads, Runnable whenDone) {
        if (side < 'a' || side > 'z') {
            throw new IllegalArgumentException("side must be a lower-case letter: " + side);
        }
        this.directory = directory;
        this.side = side;
        this.maxFrameSize = maxFrameSize;
        this.peerReads = peerReads;
        this.whenDone = whenDone;
    }

    /**
     * Tells that the peer reads {@code SHARED} frames, as a worker says in its hello once it has
     * reached the directory.
     */
    public void peerReads() {
        this.peerReads = true;
    }

    /**
     * Tells whether a body of this size should go through shared memory.
     * @param length the body's size
     * @return whether it is large enough and the shared path still works
     */
    boolean wants(long length) {
        return length >= THRESHOLD && this.peerReads
                && (capacityFor(length) < this.refusedCapacity || refusalExpired());
    }

    /** A refusal of {@code 0} (a region cut short under this side) is for good. */
    private boolean refusalExpired() {
        long refused = this.refusedCapacity;
        return refused != 0 && refused != Long.MAX_VALUE && System.nanoTime() - this.refusedAt >= this.retryRefusedAfterNanos;
    }

    /**
     * Sets how long a refused region size goes over the socket before it is tried again.
     * @param delay the delay; {@link Duration#ZERO} in tests
     */
    void retryRefusedAfter(Duration delay) {
        this.retryRefusedAfterNanos = delay.toNanos();
    }

    /**
     * Puts a frame's body into this side's region.
     * @param frame the frame
     * @param length its {@linkplain Frame#bodyLength() body length}, at most the maximum frame size
     * @return the body of the {@code SHARED} frame to send in its place, or {@code null} if the body
     *     must go over the socket: the peer has not read the previous one yet, no region could be
     *     created, or the regions were released
     */
    byte[] put(Frame frame, int length) {
        if (DATA_OFFSET + (long) length > Integer.MAX_VALUE) {
            // Beyond what one mapping holds: this body goes over the socket.
            return null;
        }
        this.writing.lock();
        try {
            if (this.peerGone) {
                return null;
            }
            Region region = this.outgoing;
            String created = "";
            if (region == null || region.room() < length) {
                String name = this.side + Integer.toString(++this.regions);
                long capacity = capacityFor(length);
                try {
                    region = Region.create(this.directory.resolve(name), capacity);
                }
                catch (IOException | RuntimeException | OutOfMemoryError ex) {
                    // Also the direct memory of the zeros running out: this body goes over the socket.
                    if (this.refusedCapacity != 0) {
                        this.refusedAt = System.nanoTime();
                        // The smallest size refused: a retry of a larger one does not free those between.
                        this.refusedCapacity = Math.min(this.refusedCapacity, capacity);
                    }
                    return null;
                }
                if (capacity >= this.refusedCapacity && this.refusedCapacity != 0) {
                    this.refusedCapacity = Long.MAX_VALUE; // there is room again
                }
                if (this.outgoing != null) {
                    this.retired.add(this.outgoing);
                }
                this.outgoing = region;
                created = name;
            }
            else if ((long) LONGS.getAcquire(region.memory, READ) != this.written) {
                return null;
            }
            MappedByteBuffer memory = region.memory;
            int at = DATA_OFFSET;
            if (frame.byteString()) {
                ByteBuffer header = memory.duplicate().position(at);
                CborByteString.putHeader(header, frame.payload().length);
                at = header.position();
            }
            try {
                memory.put(at, frame.payload(), 0, frame.payload().length);
            }
            catch (InternalError ex) {
                // The JDK's word for a fault in a mapping: the region's file was cut short under it,
                // which only the peer can have done. The socket carries everything from now on.
                this.refusedCapacity = 0;
                return null;
            }
            long sequence = ++this.written;
            LONGS.setRelease(memory, WRITTEN, sequence);
            return new WireOutput().writeByte(frame.type().code())
                .writeInt(length)
                .writeLong(sequence)
                .writeString(created)
                .toByteArray();
        }
        finally {
            this.writing.unlock();
        }
    }

    private long capacityFor(long length) {
        long wanted = DATA_OFFSET + length + length / 8;
        long rounded = (wanted + GRANULE - 1) / GRANULE * GRANULE;
        // The length includes a byte string's header, and is at most the maximum frame size.
        return Math.min(rounded, Math.min(Integer.MAX_VALUE, DATA_OFFSET + (long) this.maxFrameSize));
    }

    /**
     * Takes the body a {@code SHARED} frame points to out of the peer's region.
     * @param control the {@code SHARED} frame's body
     * @param byteStringTypes the types whose body is read as a byte string, as for {@link FrameChannel#read(Set)}
     * @return the frame the peer sent
     * @throws ProtocolException if the frame is malformed or points to anything but the next body of a region
     * @throws IOException if a new region cannot be mapped or read, or this side reads no more
     */
    Frame take(byte[] control, Set<MessageType> byteStringTypes) throws IOException {
        WireInput input = new WireInput(control);
        MessageType type = MessageType.of(input.readByte());
        int length = input.readInt();
        long sequence = input.readLong();
        String created = input.readString();
        input.expectEnd();
        if (type == MessageType.SHARED || type == MessageType.CONTEXT) {
            throw new ProtocolException("A " + type + " frame cannot travel through shared memory");
        }
        if (length < THRESHOLD || length > this.maxFrameSize) {
            throw new ProtocolException("Shared body of " + length + " bytes is outside the range " + THRESHOLD + ".."
                    + this.maxFrameSize);
        }
        if (created == null) {
            throw new ProtocolException("Shared frame without a region name");
        }
        this.reading.lock();
        try {
            if (this.readerClosed) {
                throw new IOException("Channel closed");
            }
            if (!created.isEmpty()) {
                Region next = map(created);
                if (this.incoming != null) {
                    // The peer writes only into its newest region: the one before is read for good.
                    this.incoming.free();
                }
                this.incoming = next;
            }
            Region region = this.incoming;
            if (region == null) {
                throw new ProtocolException("Shared frame before any region was named");
            }
            if (length > region.room()) {
                throw new ProtocolException("Shared body of " + length + " bytes does not fit its region of "
                        + region.room());
            }
            if (sequence != this.read + 1 || (long) LONGS.getAcquire(region.memory, WRITTEN) != sequence) {
                throw new ProtocolException("Shared body " + sequence + " is not the next one (" + (this.read + 1)
                        + ")");
            }
            Frame frame;
            try {
                frame = copyOut(region.memory, type, length, byteStringTypes.contains(type));
            }
            catch (InternalError ex) {
                // The JDK's word for a fault in a mapping: the peer cut its region's file short.
                throw new IOException("Shared region of the peer cut short while it was read", ex);
            }
            this.read = sequence;
            LONGS.setRelease(region.memory, READ, sequence);
            return frame;
        }
        finally {
            this.reading.unlock();
        }
    }

    private Region map(String name) throws IOException {
        if (!REGION_NAME.matcher(name).matches() || name.charAt(0) == this.side) {
            throw new ProtocolException("Invalid shared region name: " + name);
        }
        // Each new region of the peer's has the next number: an old name would only add mappings.
        long number = Long.parseLong(name.substring(1));
        if (number <= this.lastIncoming) {
            throw new ProtocolException("Shared region " + name + " is not newer than the last one");
        }
        this.lastIncoming = number;
        return Region.open(this.directory.resolve(name));
    }

    /**
     * Tells that the peer has exited, to free the memory of this side's regions at once instead of
     * when both processes' collectors have dropped their mappings; the peer's region follows once
     * this side has {@linkplain #readerClosed() stopped reading}, since a body the peer sent just
     * before it died may still be read. After this, bodies go over the socket. Waits for a copy in
     * progress.
     */
    public void peerExited() {
        this.writing.lock();
        try {
            this.peerGone = true;
            if (this.outgoing != null) {
                this.outgoing.free();
            }
            this.retired.forEach(Region::free);
            this.retired.clear();
        }
        finally {
            this.writing.unlock();
        }
        freeIncomingIfDone();
    }

    /**
     * Tells that this side reads no more, as its channel closes or its worker never became one: a
     * {@code SHARED} frame is an error from now on, and the peer's region is freed if the peer has
     * exited. The peer's region is never freed while the peer lives, which could still write into it.
     */
    public void readerClosed() {
        this.reading.lock();
        try {
            this.readerClosed = true;
        }
        finally {
            this.reading.unlock();
        }
        freeIncomingIfDone();
    }

    private void freeIncomingIfDone() {
        boolean nowDone = false;
        this.reading.lock();
        try {
            if (this.peerGone && this.readerClosed) {
                if (this.incoming != null) {
                    this.incoming.free();
                    this.incoming = null;
                }
                nowDone = !this.done;
                this.done = true;
            }
        }
        finally {
            this.reading.unlock();
        }
        if (nowDone && this.whenDone != null) {
            this.whenDone.run();
        }
    }

    /** Copies a body out, as {@link FrameChannel} reads one from the socket: a byte string's content only, if asked. */
    private static Frame copyOut(MappedByteBuffer region, MessageType type, int length, boolean byteString)
            throws ProtocolException {
        if (byteString) {
            int header = CborByteString.headerSize(region.get(DATA_OFFSET));
            if (header > 0 && header <= length) {
                long declared = CborByteString.contentLength(region.duplicate().position(DATA_OFFSET), header);
                if (declared != length - header) {
                    throw new ProtocolException("Byte string of " + Long.toUnsignedString(declared)
                            + " bytes in a shared body with " + (length - header) + " bytes after its header");
                }
                byte[] content = new byte[length - header];
                region.get(DATA_OFFSET + header, content, 0, content.length);
                return new Frame(type, content, true);
            }
        }
        byte[] body = new byte[length];
        region.get(DATA_OFFSET, body, 0, length);
        return new Frame(type, body);
    }

    /**
     * A mapped region and the open file behind it, whose name is gone once both sides have it. Its
     * memory is freed by truncating the file: the mapping itself lasts until the collector drops
     * it, but holds no pages any more, and must not be touched again.
     */
    private static final class Region {

        private final FileChannel file;

        final MappedByteBuffer memory;

        private Region(FileChannel file, MappedByteBuffer memory) {
            this.file = file;
            this.memory = memory;
        }

        /**
         * Creates a region file and maps it. Its pages are written with zeros through the file
         * first: on a memory file system that allocates them, and a lack of room is an
         * {@link IOException} here instead of a {@code SIGBUS} on the first write into the mapping.
         */
        static Region create(Path path, long capacity) throws IOException {
            long usable = path.getParent().toFile().getUsableSpace();
            if (usable < capacity) {
                // Not filled up to the last page first: others' mappings there would fault (SIGBUS).
                throw new IOException("Only " + usable + " bytes free for a region of " + capacity + " at " + path);
            }
            FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            boolean created = false;
            try {
                ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(GRANULE, capacity));
                long position = 0;
                while (position < capacity) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), capacity - position));
                    position += file.write(zeros, position);
                }
                Region region = new Region(file, file.map(FileChannel.MapMode.READ_WRITE, 0, capacity));
                created = true;
                return region;
            }
            finally {
                if (!created) {
                    // Whatever failed, an Error too: no descriptor and no name are left behind.
                    file.close();
                    Files.deleteIfExists(path);
                }
            }
        }

        /** Maps the peer's region and deletes its name: both sides have it now, or never will. */
        static Region open(Path path) throws IOException {
            try {
                // Only a file the peer created: a link would have this side map, and later cut short, another.
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ProtocolException("Shared region " + path.getFileName() + " is not a regular file");
                }
                FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                try {
                    long size = file.size();
                    if (size < DATA_OFFSET || size > Integer.MAX_VALUE) {
                        throw new ProtocolException("Shared region " + path.getFileName() + " has an invalid size of "
                                + size);
                    }
                    return new Region(file, file.map(FileChannel.MapMode.READ_WRITE, 0, size));
                }
                catch (IOException | RuntimeException ex) {
                    file.close();
                    throw ex;
                }
            }
            finally {
                Files.deleteIfExists(path);
            }
        }

        /** The most a body can take. */
        int room() {
            return this.memory.capacity() - DATA_OFFSET;
        }

        void free() {
            try {
                this.file.truncate(0);
                this.file.close();
            }
            catch (IOException ex) {
                // Then the pages go with the last mapping, as they would have without this.
            }
        }
    }
}
