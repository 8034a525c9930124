package dev.tarnish.internal.supervise;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.WorkerLaunchCustomizer;
import dev.tarnish.WorkerOutput;
import dev.tarnish.WorkerProcessSpec;
import dev.tarnish.internal.launch.ClassDataSharing;
import dev.tarnish.internal.launch.ExtractedBootJars;
import dev.tarnish.internal.launch.PrivateDirectory;
import dev.tarnish.internal.launch.WorkerJvmOptions;
import dev.tarnish.internal.protocol.Frame;
import dev.tarnish.internal.protocol.FrameChannel;
import dev.tarnish.internal.protocol.Hello;
import dev.tarnish.internal.protocol.MessageType;
import dev.tarnish.internal.protocol.ProtocolException;
import dev.tarnish.internal.protocol.SharedBodies;
import dev.tarnish.internal.protocol.WorkerEnvironment;

/**
 * Starts one worker and waits until it is ready: binds a fresh Unix-domain socket in the pool's
 * private directory, spawns the process with the socket path and a one-time token in its
 * environment, accepts exactly one connection, and checks the token and pid in the worker's hello.
 * A worker that dies, fails to create its task, or is not ready by the start-up timeout is killed
 * and reported as a {@link StartupFailure}.
 */
final class WorkerSpawner {

    private static final int TOKEN_BYTES = 32;

    private static final int TAIL_LINES = 40;

    private final String taskName;

    private final String taskClassName;

    private final TaskSettings settings;

    private final WorkerLaunch launch;

    private final PrivateDirectory directory;

    private final ScheduledExecutorService scheduler;

    private final WorkerOutput output;

    private final SecureRandom random = new SecureRandom();

    private final AtomicInteger sequence = new AtomicInteger();

    private static final Logger logger = System.getLogger(WorkerSpawner.class.getName());

    /** The least time a training worker gets to write its archive as it stops. */
    private static final Duration TRAINING_GRACE = Duration.ofSeconds(30);

    /** How long the replacement of a trainer that died waits for the JDK to see its exit. */
    private static final Duration LOST_TRAINER_EXIT = Duration.ofSeconds(2);

    /** Class-data sharing off: the launch's command as it is, no archive. */
    private static final SharingOfCommand NO_SHARING = new SharingOfCommand(
            new ExtractedBootJars.Choice(List.of(), false, null), null);

    /** Where archives and extracted jars are kept. */
    private final Path cacheDirectory = ClassDataSharing.defaultCacheDirectory();

    /** The class-data-sharing archive of the current worker command; changes once a fat jar is extracted. */
    private SharingOfCommand sharing;

    /** Processes that train a class-data-sharing archive, until they exit, with that archive. */
    private final Map<Process, Training> trainingProcesses = new ConcurrentHashMap<>();

    private final ProcessLauncher launcher;

    private final List<WorkerLaunchCustomizer> customizers;

    WorkerSpawner(String taskName, String taskClassName, TaskSettings settings, WorkerLaunch launch,
            List<WorkerLaunchCustomizer> customizers, WorkerOutput output, PrivateDirectory directory,
            ScheduledExecutorService scheduler) {
        this.taskName = taskName;
        this.taskClassName = taskClassName;
        this.settings = settings;
        this.launch = launch;
        this.customizers = List.copyOf(customizers);
        this.directory = directory;
        this.scheduler = scheduler;
        this.output = output;
        this.launcher = new ProcessLauncher(taskName);
    }

    /**
     * The archive for the workers' command as it stands: none while sharing is off, or while a Boot
     * fat jar is being extracted (nothing of a fat jar's own classes can be archived).
     */
    private synchronized SharingOfCommand currentSharing() {
        if (!this.settings.classDataSharing()) {
            return NO_SHARING;
        }
        ExtractedBootJars.Choice base = ExtractedBootJars.choose(this.launch.command(WorkerJvmOptions.stable(
                this.settings.leanJvm(), List.of(), this.settings.jvmArgs(), processCount(this.settings))),
                this.cacheDirectory);
        if (base.pending()) {
            return new SharingOfCommand(base, null);
        }
        if (this.sharing == null || !this.sharing.choice().command().equals(base.command())) {
            this.sharing = new SharingOfCommand(base, ClassDataSharing.forCommand(this.cacheDirectory, base.command()));
        }
        return this.sharing;
    }

    /**
     * The archive of the workers' command (or none), and how that command runs a fat jar.
     * @param choice how the launch's command runs: from the fat jar or its extracted layout
     * @param sharing the archive, or {@code null} for none
     */
    private record SharingOfCommand(ExtractedBootJars.Choice choice, ClassDataSharing sharing) {
    }

    /**
     * Spawns a worker and blocks until it is ready.
     * @return the ready worker
     * @throws StartupFailure if it could not be started
     */
    WorkerProcess spawn() {
        int id = this.sequence.incrementAndGet();
        Path socketPath = this.directory.path().resolve("w" + id + ".sock");
        byte[] token = new byte[TOKEN_BYTES];
        this.random.nextBytes(token);
        Instant startedAt = Instant.now();
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath), 1);
        }
        catch (IOException ex) {
            throw failure(-1, null, "cannot open a socket at " + socketPath + ": " + ex, ex);
        }
        Path sharedMemory = sharedMemoryOf(id);
        Process process;
        try {
            process = start(new WorkerEnvironment(this.taskName, this.taskClassName, socketPath.toString(), token,
                    this.settings.maxFrameSize(), (sharedMemory != null) ? sharedMemory.toString() : null));
        }
        catch (IOException | RuntimeException ex) {
            closeQuietly(server);
            deleteQuietly(socketPath);
            if (sharedMemory != null) {
                PrivateDirectory.deleteTree(sharedMemory);
            }
            throw failure(-1, null, "cannot start the worker process: " + ex, ex);
        }
        SharedBodies shared = null;
        if (sharedMemory != null) {
            // Used once the worker's hello says it reads shared memory. Once the worker is gone its
            // regions are freed at once, not when the collector drops the mappings; the directory goes
            // when the channel is closed too, since a result the worker sent last may still be mapped.
            SharedBodies bodies = new SharedBodies(sharedMemory, 'c', this.settings.maxFrameSize(), false,
                    () -> PrivateDirectory.deleteTree(sharedMemory));
            process.onExit().thenRun(bodies::peerExited);
            shared = bodies;
        }
        try {
            WorkerProcess worker = handshake(process, server, socketPath, token, startedAt, shared);
            Training training = this.trainingProcesses.get(process);
            if (training != null) {
                training.ready(worker);
            }
            return worker;
        }
        catch (RuntimeException ex) {
            Training training = this.trainingProcesses.get(process);
            if (training != null) {
                training.sharing().trainingFailedAtStart();
            }
            // Whatever went wrong, a process that is not handed to the pool must not live on.
            ProcessLauncher.kill(process);
            if (shared != null) {
                // No channel of this worker will read: its directory goes once the process has exited.
                shared.readerClosed();
            }
            closeQuietly(server);
            deleteQuietly(socketPath);
            throw ex;
        }
        finally {
            this.launcher.done(process);
        }
    }

    /**
     * Waits for a worker asked to stop (or whose pool closes) to exit, kills it once its grace is over,
     * closes its channel and, if it trained, publishes its archive. A training worker's grace is at
     * least {@link #TRAINING_GRACE}: it writes the archive as it exits, which for a Spring application
     * takes seconds; killed at the usual grace, it would leave no archive, and the next worker would
     * train again, for ever. The archive is published here, not only by the exit callback, which runs
     * on a thread of its own: a pool that closes as its JVM exits would otherwise return, and the JVM
     * end, before the archive is moved into place.
     * @param worker the worker
     * @param since when the grace began, in {@link System#nanoTime()}
     */
    void awaitStop(WorkerProcess worker, long since) {
        long deadline = since + stopGrace(worker).toNanos();
        worker.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        worker.closeChannel();
        if (!worker.process().isAlive()) {
            endTraining(worker.process());
        }
    }

    private Duration stopGrace(WorkerProcess worker) {
        Duration grace = this.settings.shutdownTimeout();
        return (this.trainingProcesses.containsKey(worker.process()) && grace.compareTo(TRAINING_GRACE) < 0)
                ? TRAINING_GRACE : grace;
    }

    /**
     * Returns the launcher, which knows the processes that are starting and is closed with the pool.
     * @return the launcher
     */
    ProcessLauncher launcher() {
        return this.launcher;
    }

    private Process start(WorkerEnvironment environment) throws IOException {
        awaitLostTrainers();
        SharingOfCommand current;
        ClassDataSharing sharing;
        ClassDataSharing.Plan plan;
        // With the end of a training, so that an exit callback that is publishing right now is seen to the end.
        synchronized (this) {
            endTrainingOfDeadWorkers();
            current = currentSharing();
            sharing = current.sharing();
            plan = (sharing != null) ? sharing.next() : new ClassDataSharing.Plan(List.of(), null);
        }
        Process process;
        try {
            process = this.launcher.start(builder(environment, plan, current.choice()));
        }
        catch (IOException | RuntimeException ex) {
            // Whatever failed, a customizer included, the archive's training slot is given back.
            if (plan.trainingOutput() != null) {
                sharing.trainingEnded(plan.trainingOutput(), -1);
            }
            throw ex;
        }
        if (plan.trainingOutput() != null) {
            this.trainingProcesses.put(process, new Training(sharing, plan.trainingOutput()));
            process.onExit().thenAccept(this::endTraining);
        }
        return process;
    }

    /**
     * Publishes what a training worker that has exited wrote, once, whoever sees the exit first; under
     * the spawner's lock, as the next worker's choice of sharing is made, so that this choice never
     * sees the trainer gone and its slot still taken.
     */
    private synchronized void endTraining(Process exited) {
        Training training = this.trainingProcesses.remove(exited);
        if (training == null) {
            return;
        }
        if (!training.wasReady()) {
            // Often seen here before the handshake gives up on it: a JVM that refuses a training
            // option (a native agent among the task's jvm-args, say) exits at once.
            training.sharing().trainingFailedAtStart();
        }
        boolean published = training.sharing().trainingEnded(training.output(), exited.exitValue());
        logger.log(Level.DEBUG, () -> "Worker " + exited.pid() + " of task '" + this.taskName
                + "' trained a class-data-sharing archive and exited with " + exited.exitValue()
                + (published ? ": published" : ": nothing published"));
    }

    /**
     * Frees the training slot of trainers that are gone before this worker chooses its sharing. The
     * replacement of a trainer that crashed starts the moment its channel breaks, often before the
     * JDK has reaped the process and run its exit callback; it would find the slot taken and start
     * without training, and with no trainer left no archive would ever be published.
     */
    private void endTrainingOfDeadWorkers() {
        for (Process trainer : this.trainingProcesses.keySet()) {
            if (!trainer.isAlive()) {
                endTraining(trainer);
            }
        }
    }

    /** A trainer the pool has given up on (killed, or exiting by itself after its channel broke) is awaited briefly. */
    private void awaitLostTrainers() {
        for (Map.Entry<Process, Training> entry : this.trainingProcesses.entrySet()) {
            if (entry.getValue().lost()) {
                awaitQuietly(entry.getKey(), LOST_TRAINER_EXIT);
            }
        }
    }

    private static void awaitQuietly(Process process, Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A worker training an archive: its archive's manager, and where it writes the archive. */
    private static final class Training {

        private final ClassDataSharing sharing;

        private final Path output;

        /** The worker once it is ready; {@code null} while it starts. */
        private volatile WorkerProcess worker;

        Training(ClassDataSharing sharing, Path output) {
            this.sharing = sharing;
            this.output = output;
        }

        ClassDataSharing sharing() {
            return this.sharing;
        }

        Path output() {
            return this.output;
        }

        void ready(WorkerProcess worker) {
            this.worker = worker;
        }

        boolean wasReady() {
            return this.worker != null;
        }

        /** Whether the pool has buried the worker: it died, or was killed, and is not stopping politely. */
        boolean lost() {
            WorkerProcess ready = this.worker;
            return ready != null && ready.lifecycle() == WorkerLifecycle.DEAD;
        }
    }

    private ProcessBuilder builder(WorkerEnvironment environment, ClassDataSharing.Plan plan,
            ExtractedBootJars.Choice choice) {
        List<String> options = WorkerJvmOptions.of(this.directory.path(), this.settings.leanJvm(), plan.options(),
                this.settings.jvmArgs(), processCount(this.settings));
        List<String> command = new ArrayList<>(this.settings.commandPrefix());
        // The extracted layout of a fat jar, once there, whether or not this worker trains or uses an archive.
        command.addAll(choice.applyTo(this.launch.command(options)));
        WorkerProcessSpec spec = new WorkerProcessSpec(command, this.launch.environment(), null);
        for (WorkerLaunchCustomizer customizer : this.customizers) {
            customizer.customize(this.taskName, spec);
        }
        ProcessBuilder builder = ProcessLauncher.builder(spec.command());
        builder.environment().putAll(spec.environment());
        // tarnish's own variables last: no customizer can change how the worker finds its parent.
        environment.applyTo(builder.environment());
        if (spec.directory() != null) {
            builder.directory(spec.directory().toFile());
        }
        // stdin stays a pipe that is never written: its end-of-stream tells the worker its parent died.
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        return builder;
    }

    /**
     * Creates the directory on the memory file system through which a worker and its caller pass
     * large bodies, one per worker since each side names its regions from one.
     * @return the directory, or {@code null} if there is none: bodies then go over the socket
     */
    private Path sharedMemoryOf(int id) {
        Optional<Path> base = this.directory.sharedMemory();
        if (base.isEmpty()) {
            return null;
        }
        try {
            return Files.createDirectory(base.get().resolve("w" + id));
        }
        catch (IOException ex) {
            return null;
        }
    }

    private WorkerProcess handshake(Process process, ServerSocketChannel server, Path socketPath, byte[] token,
            Instant startedAt, SharedBodies shared) {
        long pid = process.pid();
        String name = "tarnish-" + this.taskName + "-" + pid;
        OutputDrain stdout = new OutputDrain(process.getInputStream(), this.output, this.taskName, pid,
                WorkerOutput.Source.STDOUT, TAIL_LINES, name + "-stdout");
        OutputDrain stderr = new OutputDrain(process.getErrorStream(), this.output, this.taskName, pid,
                WorkerOutput.Source.STDERR, TAIL_LINES, name + "-stderr");
        Path fatalErrorFile = this.directory.path().resolve("hs_err_pid" + pid + ".log");
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicReference<SocketChannel> accepted = new AtomicReference<>();
        // A blocked accept or read ends when the server or the connection is closed: on the worker's
        // exit, or at the start-up deadline, whichever comes first.
        process.onExit().thenRun(() -> closeQuietly(server));
        ScheduledFuture<?> deadline = this.scheduler.schedule(() -> {
            timedOut.set(true);
            ProcessLauncher.kill(process);
            closeQuietly(server);
            closeQuietly(accepted.get());
        }, this.settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        SocketChannel socket = null;
        try {
            socket = server.accept();
            accepted.set(socket);
            closeQuietly(server);
            deleteQuietly(socketPath);
            FrameChannel channel = new FrameChannel(socket, this.settings.maxFrameSize(), shared);
            Frame frame = channel.read();
            if (frame.type() != MessageType.HELLO) {
                throw new ProtocolException("Expected a hello, got " + frame.type());
            }
            Hello hello = Hello.decode(frame.payload());
            if (!MessageDigest.isEqual(token, hello.token())) {
                throw new ProtocolException("The connection did not present the worker's token");
            }
            if (hello.pid() != pid) {
                // The right token from another process: something between tarnish and java forked it.
                throw new ProtocolException("the worker runs as pid " + hello.pid() + ", not as the process "
                        + pid + " that was started: a command prefix or launch customizer that forks java instead"
                        + " of exec'ing it is not supported");
            }
            if (!deadline.cancel(false)) {
                throw new IOException("start-up timeout");
            }
            if (shared != null && hello.sharedMemory()) {
                shared.peerReads();
            }
            if (hello.startupFailure() != null) {
                // The worker exits by itself after its report; crashReport kills it if it does not.
                closeQuietly(socket);
                WorkerProcess dead = new WorkerProcess(this.taskName, process, channel, stdout, stderr,
                        fatalErrorFile, startedAt);
                CrashReport report = dead.crashReport(CrashCause.STARTUP_FAILURE,
                        "the task could not be created: " + hello.startupFailure());
                throw new StartupFailure(report, hello.startupFailure());
            }
            return new WorkerProcess(this.taskName, process, channel, stdout, stderr, fatalErrorFile, startedAt);
        }
        catch (IOException ex) {
            deadline.cancel(false);
            ProcessLauncher.kill(process);
            closeQuietly(server);
            closeQuietly(socket);
            deleteQuietly(socketPath);
            String detail = timedOut.get()
                    ? "not ready within the start-up timeout of " + this.settings.startupTimeout() + "; killed"
                    : (ex instanceof ProtocolException) ? "broke the protocol during start-up: " + ex.getMessage()
                    : "died before it was ready";
            WorkerProcess dead = new WorkerProcess(this.taskName, process, null, stdout, stderr, fatalErrorFile,
                    startedAt);
            throw new StartupFailure(dead.crashReport(CrashCause.STARTUP_FAILURE, detail), ex);
        }
        catch (RuntimeException ex) {
            deadline.cancel(false);
            closeQuietly(socket);
            throw ex;
        }
    }

    private static int processCount(TaskSettings settings) {
        return settings.workers() + settings.standby();
    }

    private StartupFailure failure(long pid, Integer exitCode, String detail, Throwable cause) {
        CrashReport report = new CrashReport(this.taskName, pid, CrashCause.STARTUP_FAILURE, exitCode, null, null,
                detail, List.of(), Instant.now());
        return new StartupFailure(report, cause);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (IOException ex) {
            // Closing is how blocked operations are ended; a failure to close changes nothing.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException ex) {
            // The directory is removed with the pool anyway.
        }
    }
}
