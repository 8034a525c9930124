package dev.tarnish.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tarnish.bench.peer.Jvm;

/**
 * The packaged sample application, run as a user runs it ({@code java -jar <jar> --server.port=<port>},
 * by the harness's {@code java} or another JDK's), spoken to over HTTP. Its output is drained to a
 * log file in the working directory; the moment Spring Boot's "Started ..." line is read is kept.
 * {@link #close()} kills it and every worker it started, whatever state it is in.
 */
final class SampleApp implements AutoCloseable {

    /** Spring Boot's start-up line, logged once the context is refreshed and the web server started. */
    private static final String STARTED = "Started SampleApplication";

    private static final Pattern STATISTIC = Pattern.compile("\"statistic\":\"(\\w+)\",\"value\":([-0-9.eE+]+)");

    private final Process process;

    private final long spawnedNanos;

    private final CompletableFuture<Long> startedNanos = new CompletableFuture<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    private SampleApp(Process process, long spawnedNanos, int port) {
        this.process = process;
        this.spawnedNanos = spawnedNanos;
        this.base = "http://localhost:" + port;
    }

    /**
     * Starts the application.
     * @param java the {@code java} executable that runs it (and so its workers)
     * @param jar the packaged sample
     * @param log where its output goes
     * @param cache tarnish's cache folder for this run (extracted jar, class-data-sharing archives)
     * @param arguments more program arguments
     * @return the running application
     * @throws IOException if it cannot be started
     */
    static SampleApp start(String java, Path jar, Path log, Path cache, String... arguments) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java, "-Dtarnish.cache.dir=" + cache, "-jar",
                jar.toString(), "--server.port=" + port));
        command.addAll(List.of(arguments));
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true).start();
        SampleApp app = new SampleApp(process, spawned, port);
        Thread drain = new Thread(() -> app.drain(log), "sample-app-output");
        drain.setDaemon(true);
        drain.start();
        return app;
    }

    /**
     * Waits for the "Started SampleApplication" line.
     * @param timeout the longest wait
     * @return nanoseconds from spawn to that line read by the harness
     * @throws Exception if it does not come (the application died or took too long)
     */
    long awaitStarted(Duration timeout) throws Exception {
        return this.startedNanos.get(timeout.toMillis(), TimeUnit.MILLISECONDS) - this.spawnedNanos;
    }

    /**
     * Returns the application's process id.
     * @return the pid
     */
    long pid() {
        return this.process.pid();
    }

    /**
     * Sends a GET.
     * @param path the path
     * @return the response
     * @throws IOException if the request fails
     * @throws InterruptedException if interrupted
     */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends an empty POST.
     * @param path the path
     * @return the response
     * @throws IOException if the request fails
     * @throws InterruptedException if interrupted
     */
    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Reads a timer from the metrics endpoint.
     * @param path {@code /actuator/metrics/<name>?tag=...}
     * @return {count, total time in nanoseconds}; {0, 0} while the timer does not exist yet (404)
     * @throws IOException if the request fails or the answer is not a timer in seconds
     * @throws InterruptedException if interrupted
     */
    long[] timer(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() == 404) {
            return new long[] { 0, 0 };
        }
        String body = response.body();
        if (response.statusCode() != 200 || !body.contains("\"baseUnit\":\"seconds\"")) {
            throw new IOException("Unexpected answer from " + path + ": " + response.statusCode() + " " + body);
        }
        double count = -1;
        double total = -1;
        Matcher matcher = STATISTIC.matcher(body);
        while (matcher.find()) {
            if (matcher.group(1).equals("COUNT")) {
                count = Double.parseDouble(matcher.group(2));
            }
            else if (matcher.group(1).equals("TOTAL_TIME")) {
                total = Double.parseDouble(matcher.group(2));
            }
        }
        if (count < 0 || total < 0) {
            throw new IOException("No COUNT and TOTAL_TIME in " + body);
        }
        return new long[] { Math.round(count), Math.round(total * 1e9) };
    }

    /**
     * Stops the application and every process it started. SIGTERM first, so that it stops its workers
     * itself; then whatever is left, the workers included, is killed. The workers are looked up
     * before the application ends, since once it has ended they are no longer its descendants.
     */
    @Override
    public void close() {
        List<ProcessHandle> descendants = this.process.descendants().toList();
        this.process.destroy();
        try {
            if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            this.process.destroyForcibly();
            for (ProcessHandle child : descendants) {
                child.destroyForcibly();
                child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally((ex) -> child).join();
            }
        }
    }

    private void drain(Path log) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!this.startedNanos.isDone() && line.contains(STARTED)) {
                    this.startedNanos.complete(System.nanoTime());
                }
                file.println(line);
            }
        }
        catch (IOException ex) {
            // The application ended or was killed: nothing more to read.
        }
        finally {
            this.startedNanos.completeExceptionally(
                    new IOException("The sample application ended before \"" + STARTED + "\"; see " + log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
