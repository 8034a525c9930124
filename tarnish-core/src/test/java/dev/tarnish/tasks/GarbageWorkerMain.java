package dev.tarnish.tasks;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Random;

import dev.tarnish.Tarnish;
import dev.tarnish.internal.protocol.FrameChannel;
import dev.tarnish.internal.protocol.Hello;
import dev.tarnish.internal.protocol.MessageType;
import dev.tarnish.internal.protocol.WorkerEnvironment;

/**
 * A misbehaving worker: it connects like a real one, then answers a call with something that is not a
 * valid reply, chosen by its argument.
 */
public final class GarbageWorkerMain {

    private GarbageWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        Tarnish.watchParent();
        String mode = args[0];
        WorkerEnvironment environment = WorkerEnvironment.from(System.getenv());
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(Path.of(environment.channel())));
        FrameChannel channel = new FrameChannel(socket, environment.maxFrameSize());
        long pid = ProcessHandle.current().pid();
        if (mode.equals("bad-token")) {
            channel.write(MessageType.HELLO, Hello.ready(new byte[32], pid, false));
            Thread.currentThread().join();
        }
        channel.write(MessageType.HELLO, Hello.ready(environment.token(), pid, false));
        channel.read();
        ByteBuffer reply = switch (mode) {
            case "oversized" -> ByteBuffer.allocate(5).putInt(Integer.MAX_VALUE).put(MessageType.RESULT.code());
            case "negative-length" -> ByteBuffer.allocate(5).putInt(-5).put(MessageType.RESULT.code());
            case "unknown-type" -> ByteBuffer.allocate(5).putInt(0).put((byte) 99);
            case "bad-failure" -> {
                byte[] junk = new byte[64];
                new Random(7).nextBytes(junk);
                yield ByteBuffer.allocate(5 + junk.length).putInt(junk.length).put(MessageType.FAILURE.code()).put(junk);
            }
            case "hello-again" -> ByteBuffer.allocate(5).putInt(0).put(MessageType.HELLO.code());
            default -> throw new IllegalArgumentException(mode);
        };
        reply.flip();
        socket.write(reply);
        Thread.currentThread().join();
    }
}
