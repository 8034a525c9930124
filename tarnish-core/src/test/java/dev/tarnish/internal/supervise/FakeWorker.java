package dev.tarnish.internal.supervise;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.tarnish.WorkerOutput;
import dev.tarnish.internal.protocol.FrameChannel;

/**
 * A worker without a process, for fast tests of the supervising side: the parent's end of an
 * in-memory channel pair, the worker's end for the test to answer on, and a {@link Process} that
 * "dies" when the test says so or when the supervisor kills it (which closes the worker's end, as the
 * kernel closes a dead process's socket).
 */
final class FakeWorker {

    static final int MAX_FRAME_SIZE = 1024 * 1024;

    private final FakeProcess process;

    private final Duplex parentEnd;

    private final Duplex workerEnd;

    final WorkerProcess worker;

    /** The worker's end of the channel: read the call, write the reply. */
    final FrameChannel channel;

    FakeWorker(long pid, Path fatalErrorFile) throws IOException {
        Pipe toWorker = Pipe.open();
        Pipe toParent = Pipe.open();
        this.parentEnd = new Duplex(toParent.source(), toWorker.sink());
        this.workerEnd = new Duplex(toWorker.source(), toParent.sink());
        this.process = new FakeProcess(pid, this.workerEnd);
        this.channel = new FrameChannel(this.workerEnd, MAX_FRAME_SIZE);
        WorkerOutput output = WorkerOutput.systemLogger();
        this.worker = new WorkerProcess("test", this.process, new FrameChannel(this.parentEnd, MAX_FRAME_SIZE),
                new OutputDrain(new ByteArrayInputStream(new byte[0]), output, "test", pid, WorkerOutput.Source.STDOUT,
                        10, "test-stdout"),
                new OutputDrain(stderr(), output, "test", pid, WorkerOutput.Source.STDERR, 10, "test-stderr"),
                fatalErrorFile, Instant.now());
    }

    /** The worker dies by itself with this exit status, as after a crash. */
    void die(int exitCode) {
        this.process.exit(exitCode);
    }

    boolean killed() {
        return this.process.killed;
    }

    /** Makes the parent's next read fail with this error, as an unforeseen failure in the caller. */
    void failNextRead(Error error) {
        this.parentEnd.failure = error;
    }

    private static InputStream stderr() {
        return new ByteArrayInputStream("last words on stderr\n".getBytes());
    }

    /** Both directions of a channel over two pipes. */
    private static final class Duplex implements ByteChannel {

        private final Pipe.SourceChannel source;

        private final Pipe.SinkChannel sink;

        private volatile Error failure;

        Duplex(Pipe.SourceChannel source, Pipe.SinkChannel sink) {
            this.source = source;
            this.sink = sink;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            Error error = this.failure;
            if (error != null) {
                throw error;
            }
            return this.source.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return this.sink.write(src);
        }

        @Override
        public boolean isOpen() {
            return this.source.isOpen() && this.sink.isOpen();
        }

        @Override
        public void close() throws IOException {
            this.source.close();
            this.sink.close();
        }
    }

    /** A process that exits when told to or when killed; its death closes the worker's end. */
    private static final class FakeProcess extends Process {

        private final long pid;

        private final Duplex workerEnd;

        private final CompletableFuture<Process> exit = new CompletableFuture<>();

        private volatile int exitCode;

        private volatile boolean killed;

        FakeProcess(long pid, Duplex workerEnd) {
            this.pid = pid;
            this.workerEnd = workerEnd;
        }

        void exit(int code) {
            this.exitCode = code;
            try {
                this.workerEnd.close();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            this.exit.complete(this);
        }

        @Override
        public long pid() {
            return this.pid;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            return this.exit.join().exitValue();
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) {
            try {
                this.exit.get(timeout, unit);
                return true;
            }
            catch (Exception ex) {
                return false;
            }
        }

        @Override
        public int exitValue() {
            if (!this.exit.isDone()) {
                throw new IllegalThreadStateException("running");
            }
            return this.exitCode;
        }

        @Override
        public void destroy() {
            destroyForcibly();
        }

        @Override
        public Process destroyForcibly() {
            if (!this.exit.isDone()) {
                this.killed = true;
                exit(137);
            }
            return this;
        }

        @Override
        public boolean isAlive() {
            return !this.exit.isDone();
        }

        @Override
        public CompletableFuture<Process> onExit() {
            return this.exit;
        }
    }
}
