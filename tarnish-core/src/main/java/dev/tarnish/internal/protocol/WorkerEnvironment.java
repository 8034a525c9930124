package dev.tarnish.internal.protocol;

import java.util.HexFormat;
import java.util.Map;

/**
 * The environment variables through which a caller tells a worker who it is and where to connect.
 * Environment variables are readable only by the process's own user, which keeps the token private.
 *
 * @param taskName the task the worker serves
 * @param taskClassName the task class, for workers that create the task themselves
 * @param channel the path of the Unix-domain socket to connect to
 * @param token the one-time token the worker presents on connect
 * @param maxFrameSize the largest message either side accepts
 * @param sharedMemory the private directory on a memory file system through which large bodies
 *     travel ({@link SharedBodies}), or {@code null} if they go over the socket
 */
public record WorkerEnvironment(String taskName, String taskClassName, String channel, byte[] token,
        int maxFrameSize, String sharedMemory) {

    /** Set in every worker to the task's name; its presence is what makes a process a worker. */
    public static final String WORKER = "TARNISH_WORKER";

    /** The task class's name. */
    public static final String TASK_CLASS = "TARNISH_TASK_CLASS";

    /** The socket path. */
    public static final String CHANNEL = "TARNISH_CHANNEL";

    /** The one-time token, in hex. */
    public static final String TOKEN = "TARNISH_TOKEN";

    /** The maximum frame size, in bytes. */
    public static final String MAX_FRAME_SIZE = "TARNISH_MAX_FRAME_SIZE";

    /** The shared-memory directory; unset when there is none. */
    public static final String SHARED_MEMORY = "TARNISH_SHARED_MEMORY";

    /**
     * Writes these values into a process environment.
     * @param environment the environment of the process to start
     */
    public void applyTo(Map<String, String> environment) {
        environment.put(WORKER, this.taskName);
        environment.put(TASK_CLASS, this.taskClassName);
        environment.put(CHANNEL, this.channel);
        environment.put(TOKEN, HexFormat.of().formatHex(this.token));
        environment.put(MAX_FRAME_SIZE, Integer.toString(this.maxFrameSize));
        if (this.sharedMemory != null) {
            environment.put(SHARED_MEMORY, this.sharedMemory);
        }
        else {
            // A worker's environment starts as a copy of the caller's, which may itself be a worker's.
            environment.remove(SHARED_MEMORY);
        }
    }

    /**
     * Reads the values from a process environment.
     * @param environment the environment, such as {@link System#getenv()}
     * @return the values
     * @throws IllegalStateException if a variable is missing or malformed
     */
    public static WorkerEnvironment from(Map<String, String> environment) {
        String taskName = require(environment, WORKER);
        String taskClass = require(environment, TASK_CLASS);
        String channel = require(environment, CHANNEL);
        try {
            byte[] token = HexFormat.of().parseHex(require(environment, TOKEN));
            int maxFrameSize = Integer.parseInt(require(environment, MAX_FRAME_SIZE));
            String sharedMemory = environment.get(SHARED_MEMORY);
            return new WorkerEnvironment(taskName, taskClass, channel, token, maxFrameSize,
                    (sharedMemory == null || sharedMemory.isEmpty()) ? null : sharedMemory);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("Malformed " + TOKEN + " or " + MAX_FRAME_SIZE, ex);
        }
    }

    /**
     * Tells whether the current process was started as a worker.
     * @return whether {@value #WORKER} is set
     */
    public static boolean isWorkerProcess() {
        String name = System.getenv(WORKER);
        return name != null && !name.isEmpty();
    }

    private static String require(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("Environment variable " + name + " is not set; this process was not "
                    + "started by tarnish as a worker");
        }
        return value;
    }
}
