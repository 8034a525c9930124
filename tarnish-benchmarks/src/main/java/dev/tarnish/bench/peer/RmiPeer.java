package dev.tarnish.bench.peer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.rmi.server.UnicastRemoteObject;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The Java RMI baseline: the child exports a {@link RemoteEcho} on the loopback interface and prints
 * its stub, serialized and in Base64, on one line of stdout; it exits when its stdin ends. The parent
 * side is {@link #connect()}.
 */
public final class RmiPeer implements RemoteEcho {

    @Override
    public Object echo(Object value) {
        return value;
    }

    /**
     * Runs the child.
     * @param args none
     * @throws Exception if exporting fails
     */
    public static void main(String[] args) throws Exception {
        RmiPeer peer = new RmiPeer();
        RemoteEcho stub = (RemoteEcho) UnicastRemoteObject.exportObject(peer, 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(stub);
        }
        System.out.println(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        System.out.flush();
        while (System.in.read() >= 0) {
            // The parent never writes; end-of-stream means it is done or dead.
        }
        System.exit(0);
    }

    /**
     * Starts a child and connects to it.
     * @return the connection
     * @throws IOException if the child cannot be started or reached
     */
    public static Connection connect() throws IOException {
        Process process = new ProcessBuilder(Jvm.command(java.util.List.of("-Djava.rmi.server.hostname=127.0.0.1"),
                RmiPeer.class)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("RMI peer ended before printing its stub");
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(line)))) {
            return new Connection(process, (RemoteEcho) in.readObject());
        }
        catch (ClassNotFoundException ex) {
            process.destroyForcibly();
            throw new IOException(ex);
        }
    }

    /**
     * A running RMI child and its stub.
     * @param process the child
     * @param echo the stub
     */
    public record Connection(Process process, RemoteEcho echo) implements AutoCloseable {

        @Override
        public void close() {
            try {
                this.process.getOutputStream().close();
                if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly();
                }
            }
            catch (IOException ex) {
                this.process.destroyForcibly();
            }
            catch (InterruptedException ex) {
                this.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
