package dev.tarnish.internal.protocol;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SharedBodiesTests {

    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private static final Set<MessageType> BYTE_STRING_CALLS = Set.of(MessageType.CALL);

    @TempDir
    Path directory;

    private final MemoryChannel wire = new MemoryChannel();

    @Test
    void aLargeBodyShouldTravelThroughTheRegionAndOnlyItsPlaceOverTheSocket() throws IOException {
        FrameChannel caller = side('c');
        FrameChannel worker = side('w');
        byte[] input = bytes(3 * 1024 * 1024 + 5, 1);
        caller.write(new Frame(MessageType.CALL, input, true).withContext(new byte[] { 7 }));
        assertThat(this.wire.pending()).isLessThan(64);
        Frame context = worker.read(BYTE_STRING_CALLS);
        Frame call = worker.read(BYTE_STRING_CALLS);
        assertThat(context.type()).isEqualTo(MessageType.CONTEXT);
        assertThat(context.payload()).containsExactly(7);
        assertThat(call.type()).isEqualTo(MessageType.CALL);
        assertThat(call.byteString()).isTrue();
        assertThat(call.payload()).isEqualTo(input);
        // The reader has mapped the region and deleted its name: nothing is left to clean up.
        assertThat(this.directory).isEmptyDirectory();
    }

    @Test
    void aBodyShouldArriveWholeWhenItsTypeIsNotReadAsAByteString() throws IOException {
        FrameChannel caller = side('c');
        FrameChannel worker = side('w');
        byte[] input = bytes(SharedBodies.THRESHOLD * 2, 2);
        caller.write(new Frame(MessageType.CALL, input, true));
        Frame call = worker.read();
        assertThat(call.byteString()).isFalse();
        assertThat(call.payload()).isEqualTo(CborByteString.encode(input));
    }

    @Test
    void bodiesThatFitShouldReuseTheRegionAndALargerOneShouldGetANewRegion() throws IOException {
        FrameChannel caller = side('c');
        FrameChannel worker = side('w');
        for (int i = 0; i < 3; i++) {
            byte[] input = bytes(SharedBodies.THRESHOLD + i, i);
            caller.write(new Frame(MessageType.RESULT, input));
            assertThat(this.wire.pending()).isLessThan(64);
            assertThat(worker.read().payload()).isEqualTo(input);
        }
        byte[] larger = bytes(5 * 1024 * 1024, 9);
        caller.write(new Frame(MessageType.RESULT, larger));
        assertThat(this.wire.pending()).isLessThan(64);
        assertThat(worker.read().payload()).isEqualTo(larger);
        assertThat(this.directory).isEmptyDirectory();
    }

    @Test
    void aRegionShouldGiveItsMemoryBackWhenThePeerMovesOnAndThisSidesWhenThePeerExits() throws IOException {
        SharedBodies callerSide = new SharedBodies(this.directory, 'c', MAX_FRAME);
        FrameChannel caller = new FrameChannel(this.wire, MAX_FRAME, callerSide);
        FrameChannel worker = side('w');
        caller.write(new Frame(MessageType.CALL, bytes(SharedBodies.THRESHOLD, 1)));
        worker.read();
        assertThat(openRegionSizes("c1")).isNotEmpty().allMatch((size) -> size > SharedBodies.THRESHOLD);
        byte[] larger = bytes(5 * 1024 * 1024, 2);
        caller.write(new Frame(MessageType.CALL, larger));
        assertThat(worker.read().payload()).isEqualTo(larger);
        // The worker has moved on to the second region: the first one's pages are gone.
        assertThat(openRegionSizes("c1")).isNotEmpty().containsOnly(0L);
        assertThat(openRegionSizes("c2")).hasSize(2).allMatch((size) -> size > larger.length);
        callerSide.peerExited();
        assertThat(openRegionSizes("c2")).hasSize(1).containsOnly(0L);
        caller.write(new Frame(MessageType.CALL, larger));
        assertThat(this.wire.pending()).isGreaterThan(larger.length);
        assertThat(worker.read().payload()).isEqualTo(larger);
    }

    @Test
    void aBodyThePeerSentJustBeforeItExitedShouldStillBeReadAndItsRegionFreedWhenTheChannelCloses()
            throws IOException {
        SharedBodies workerSide = new SharedBodies(this.directory, 'w', MAX_FRAME);
        FrameChannel worker = new FrameChannel(this.wire, MAX_FRAME, workerSide);
        byte[] input = bytes(SharedBodies.THRESHOLD, 1);
        side('c').write(new Frame(MessageType.CALL, input));
        workerSide.peerExited();
        assertThat(worker.read().payload()).isEqualTo(input);
        assertThat(openRegionSizes("c1")).hasSize(2).allMatch((size) -> size > SharedBodies.THRESHOLD);
        worker.close();
        assertThat(openRegionSizes("c1")).hasSize(1).containsOnly(0L);
        this.wire.frame(MessageType.SHARED, control(MessageType.CALL, SharedBodies.THRESHOLD, 2, ""));
        assertThatExceptionOfType(IOException.class).isThrownBy(worker::read).withMessageContaining("closed");
    }

    @Test
    void closingTheChannelWhileThePeerLivesShouldLeaveItsRegionAlone() throws IOException {
        FrameChannel caller = side('c');
        FrameChannel worker = side('w');
        byte[] input = bytes(SharedBodies.THRESHOLD, 1);
        caller.write(new Frame(MessageType.CALL, input));
        worker.read();
        worker.close();
        // The caller may still write into it: truncating it would make that write a SIGBUS.
        assertThat(openRegionSizes("c1")).hasSize(2).allMatch((size) -> size > SharedBodies.THRESHOLD);
    }

    /** The sizes of the files this JVM holds open under a region's name (deleted by then). */
    private List<Long> openRegionSizes(String name) throws IOException {
        String target = this.directory.resolve(name) + " (deleted)";
        List<Long> sizes = new ArrayList<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    if (Files.readSymbolicLink(descriptor).toString().equals(target)) {
                        sizes.add(Files.size(descriptor));
                    }
                }
                catch (IOException ex) {
                    // Closed since it was listed.
                }
            }
        }
        return sizes;
    }

    @Test
    void aBodyWrittenBeforeThePeerReadTheLastOneShouldGoOverTheSocketInOrder() throws IOException {
        FrameChannel caller = side('c');
        FrameChannel worker = side('w');
        byte[] first = bytes(SharedBodies.THRESHOLD, 1);
        byte[] second = bytes(SharedBodies.THRESHOLD, 2);
        caller.write(new Frame(MessageType.CALL, first));
        int control = this.wire.pending();
        caller.write(new Frame(MessageType.CALL, second));
        assertThat(this.wire.pending() - control).isGreaterThan(SharedBodies.THRESHOLD);
        assertThat(worker.read().payload()).isEqualTo(first);
        assertThat(worker.read().payload()).isEqualTo(second);
    }

    @Test
    void whenNoRegionCanBeCreatedShouldBodiesGoOverTheSocket() throws IOException {
        SharedBodies nowhere = new SharedBodies(this.directory.resolve("missing"), 'c', MAX_FRAME);
        FrameChannel caller = new FrameChannel(this.wire, MAX_FRAME, nowhere);
        FrameChannel worker = side('w');
        byte[] input = bytes(SharedBodies.THRESHOLD * 4, 3);
        caller.write(new Frame(MessageType.CALL, input, true));
        assertThat(this.wire.pending()).isGreaterThan(input.length);
        assertThat(worker.read(BYTE_STRING_CALLS).payload()).isEqualTo(input);
        assertThat(nowhere.wants(input.length)).isFalse();
    }

    /** A full {@code /dev/shm} may have room again later: the shared path is tried again. */
    @Test
    void aRefusedRegionSizeShouldBeTriedAgainOnceTheRefusalHasExpired() throws IOException {
        Path later = this.directory.resolve("later");
        SharedBodies callerSide = new SharedBodies(later, 'c', MAX_FRAME);
        callerSide.peerReads();
        FrameChannel caller = new FrameChannel(this.wire, MAX_FRAME, callerSide);
        FrameChannel worker = new FrameChannel(this.wire, MAX_FRAME, new SharedBodies(later, 'w', MAX_FRAME));
        byte[] input = bytes(SharedBodies.THRESHOLD * 2, 6);
        caller.write(new Frame(MessageType.RESULT, input));
        assertThat(this.wire.pending()).as("refused: over the socket").isGreaterThan(input.length);
        assertThat(worker.read().payload()).isEqualTo(input);
        assertThat(callerSide.wants(input.length)).as("within the refusal").isFalse();
        Files.createDirectory(later);
        callerSide.retryRefusedAfter(Duration.ZERO);
        assertThat(callerSide.wants(input.length)).isTrue();
        caller.write(new Frame(MessageType.RESULT, input));
        assertThat(this.wire.pending()).as("room again: only the place crosses").isLessThan(64);
        assertThat(worker.read().payload()).isEqualTo(input);
        callerSide.retryRefusedAfter(Duration.ofHours(1));
        assertThat(callerSide.wants(input.length * 2L)).as("no refusal left").isTrue();
    }

    /** A larger size refused on a retry leaves the smaller ones refused before still refused. */
    @Test
    void theSmallestRefusedSizeShouldStayRefusedWhenALargerOneIsRefusedOnARetry() throws IOException {
        SharedBodies callerSide = new SharedBodies(this.directory.resolve("full"), 'c', MAX_FRAME);
        callerSide.peerReads();
        FrameChannel caller = new FrameChannel(this.wire, MAX_FRAME, callerSide);
        FrameChannel worker = side('w');
        byte[] small = bytes(SharedBodies.THRESHOLD * 2, 7);
        byte[] large = bytes(SharedBodies.THRESHOLD * 16, 8);
        caller.write(new Frame(MessageType.RESULT, small));
        assertThat(worker.read().payload()).isEqualTo(small);
        callerSide.retryRefusedAfter(Duration.ZERO);
        caller.write(new Frame(MessageType.RESULT, large));
        assertThat(worker.read().payload()).isEqualTo(large);
        callerSide.retryRefusedAfter(Duration.ofHours(1));
        assertThat(callerSide.wants(small.length)).as("refused before, and nothing says there is room").isFalse();
        assertThat(callerSide.wants(large.length)).isFalse();
    }

    @Test
    void smallBodiesShouldStayOnTheSocket() throws IOException {
        FrameChannel caller = side('c');
        byte[] input = bytes(SharedBodies.THRESHOLD - 1, 4);
        caller.write(new Frame(MessageType.CALL, input));
        assertThat(this.wire.pending()).isGreaterThan(input.length);
        assertThat(this.directory).isEmptyDirectory();
    }

    @Test
    void aSharedFrameOnAChannelWithoutSharedMemoryShouldBeAProtocolError() throws IOException {
        side('c').write(new Frame(MessageType.CALL, bytes(SharedBodies.THRESHOLD, 5)));
        FrameChannel plain = new FrameChannel(this.wire, MAX_FRAME);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(plain::read)
            .withMessageContaining("without shared memory");
    }

    @Test
    void garbageInASharedFrameShouldBeAProtocolError() throws IOException {
        assertGarbage(control(MessageType.CALL, SharedBodies.THRESHOLD, 1, "../etc"), "Invalid shared region name");
        assertGarbage(control(MessageType.CALL, SharedBodies.THRESHOLD, 1, "w1"), "Invalid shared region name");
        assertGarbage(control(MessageType.CALL, SharedBodies.THRESHOLD, 1, ""), "before any region");
        assertGarbage(control(MessageType.CALL, MAX_FRAME + 1, 1, ""), "outside the range");
        assertGarbage(control(MessageType.SHARED, SharedBodies.THRESHOLD, 1, ""), "cannot travel");
        assertGarbage(new byte[] { 2, 0 }, "ends early");
        // A real region, then a body that is not the next one.
        FrameChannel caller = side('c');
        FrameChannel worker = side('w');
        caller.write(new Frame(MessageType.CALL, bytes(SharedBodies.THRESHOLD, 6)));
        worker.read();
        this.wire.frame(MessageType.SHARED, control(MessageType.CALL, SharedBodies.THRESHOLD, 5, ""));
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(worker::read).withMessageContaining("next one");
        this.wire.frame(MessageType.SHARED, control(MessageType.CALL, MAX_FRAME - 1, 2, ""));
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(worker::read)
            .withMessageContaining("does not fit");
    }

    @Test
    void aRegionNameThatIsALinkOrNotNewerShouldBeAProtocolError() throws IOException {
        Path elsewhere = Files.write(this.directory.resolve("elsewhere"), new byte[SharedBodies.THRESHOLD * 2]);
        Files.createSymbolicLink(this.directory.resolve("c7"), elsewhere);
        assertGarbage(control(MessageType.CALL, SharedBodies.THRESHOLD, 1, "c7"), "not a regular file");
        assertThat(Files.size(elsewhere)).isEqualTo(SharedBodies.THRESHOLD * 2);
        FrameChannel caller = side('c');
        FrameChannel worker = side('w');
        caller.write(new Frame(MessageType.CALL, bytes(SharedBodies.THRESHOLD, 1)));
        worker.read();
        this.wire.frame(MessageType.SHARED, control(MessageType.CALL, SharedBodies.THRESHOLD, 2, "c1"));
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(worker::read)
            .withMessageContaining("not newer");
    }

    @Test
    void untilThePeerSaysItReadsSharedFramesShouldEverythingGoOverTheSocket() throws IOException {
        SharedBodies callerSide = new SharedBodies(this.directory, 'c', MAX_FRAME, false, null);
        FrameChannel caller = new FrameChannel(this.wire, MAX_FRAME, callerSide);
        FrameChannel worker = side('w');
        byte[] input = bytes(SharedBodies.THRESHOLD, 1);
        caller.write(new Frame(MessageType.CALL, input));
        assertThat(this.wire.pending()).isGreaterThan(input.length);
        assertThat(worker.read().payload()).isEqualTo(input);
        callerSide.peerReads();
        caller.write(new Frame(MessageType.CALL, input));
        assertThat(this.wire.pending()).isLessThan(64);
        assertThat(worker.read().payload()).isEqualTo(input);
    }

    @Test
    void whatIsLeftShouldBeHandedOnOnceThePeerIsGoneAndThisSideReadsNoMore() throws IOException {
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        SharedBodies callerSide = new SharedBodies(this.directory, 'c', MAX_FRAME, true, done::incrementAndGet);
        callerSide.readerClosed();
        assertThat(done).hasValue(0);
        callerSide.peerExited();
        callerSide.readerClosed();
        callerSide.peerExited();
        assertThat(done).hasValue(1);
    }

    private void assertGarbage(byte[] control, String message) throws IOException {
        FrameChannel worker = side('w');
        this.wire.frame(MessageType.SHARED, control);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(worker::read).withMessageContaining(message);
    }

    private static byte[] control(MessageType type, int length, long sequence, String name) {
        return new WireOutput().writeByte(type.code()).writeInt(length).writeLong(sequence).writeString(name)
            .toByteArray();
    }

    private FrameChannel side(char side) {
        return new FrameChannel(this.wire, MAX_FRAME, new SharedBodies(this.directory, side, MAX_FRAME));
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
