package dev.tarnish.internal.worker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tarnish.internal.protocol.FrameChannel;
import dev.tarnish.internal.protocol.Hello;
import dev.tarnish.internal.protocol.MessageType;
import dev.tarnish.internal.protocol.SharedBodies;
import dev.tarnish.internal.protocol.WorkerEnvironment;

/**
 * Connects a worker back to its caller over the Unix-domain socket named in its environment and
 * introduces it with the one-time token.
 */
final class WorkerConnection {

    private WorkerConnection() {
    }

    /**
     * Connects and reports the worker ready.
     * @param environment the worker's environment
     * @return the channel, ready for calls
     * @throws IOException if the caller cannot be reached
     */
    static FrameChannel ready(WorkerEnvironment environment) throws IOException {
        SharedBodies shared = sharedBodies(environment);
        FrameChannel channel = connect(environment, shared);
        channel.write(MessageType.HELLO, Hello.ready(environment.token(), ProcessHandle.current().pid(), shared != null));
        return channel;
    }

    /**
     * Connects and reports that the task could not be created.
     * @param environment the worker's environment
     * @param error why
     * @throws IOException if the caller cannot be reached
     */
    static void failed(WorkerEnvironment environment, Throwable error) throws IOException {
        try (FrameChannel channel = connect(environment, null)) {
            channel.write(MessageType.HELLO, Hello.failed(environment.token(), ProcessHandle.current().pid(), error));
        }
    }

    /**
     * The worker's side of the shared-memory path, if the caller offered one and this process can
     * reach it: a sandbox with a {@code /dev} of its own does not see the caller's directory.
     */
    private static SharedBodies sharedBodies(WorkerEnvironment environment) {
        if (environment.sharedMemory() == null) {
            return null;
        }
        Path directory = Path.of(environment.sharedMemory());
        return (Files.isDirectory(directory) && Files.isWritable(directory))
                ? new SharedBodies(directory, 'w', environment.maxFrameSize()) : null;
    }

    private static FrameChannel connect(WorkerEnvironment environment, SharedBodies shared) throws IOException {
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            socket.connect(UnixDomainSocketAddress.of(Path.of(environment.channel())));
            return new FrameChannel(socket, environment.maxFrameSize(), shared);
        }
        catch (IOException | RuntimeException ex) {
            socket.close();
            throw ex;
        }
    }
}
