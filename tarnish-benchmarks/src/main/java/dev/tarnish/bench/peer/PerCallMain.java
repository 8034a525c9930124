package dev.tarnish.bench.peer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

/**
 * The naive baseline: a fresh JVM per call. The child reads one Java-serialized value from stdin,
 * returns it serialized on stdout and exits. The parent side is {@link #call(Object)}.
 */
public final class PerCallMain {

    private PerCallMain() {
    }

    /**
     * Runs one call.
     * @param args none
     * @throws Exception if the input cannot be read
     */
    public static void main(String[] args) throws Exception {
        Object input;
        try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(System.in))) {
            input = in.readObject();
        }
        try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(System.out))) {
            out.writeObject(input);
        }
    }

    /**
     * Starts a JVM, hands it the input, reads its output and waits for it to exit.
     * @param input a serializable value
     * @return the value the child sent back
     * @throws IOException if the child fails
     * @throws InterruptedException if interrupted while waiting
     */
    public static Object call(Object input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Jvm.command(List.of(), PerCallMain.class))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            try (ObjectOutputStream out = new ObjectOutputStream(process.getOutputStream())) {
                out.writeObject(input);
            }
            Object output;
            try (ObjectInputStream in = new ObjectInputStream(process.getInputStream())) {
                output = in.readObject();
            }
            catch (ClassNotFoundException ex) {
                throw new IOException(ex);
            }
            int status = process.waitFor();
            if (status != 0) {
                throw new IOException("Child exited with " + status);
            }
            return output;
        }
        finally {
            process.destroyForcibly();
        }
    }
}
