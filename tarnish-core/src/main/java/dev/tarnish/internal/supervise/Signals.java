package dev.tarnish.internal.supervise;

/**
 * Names of POSIX signals, for exit statuses the JDK reports as 128 + signal number.
 */
final class Signals {

    private static final String[] NAMES = { null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM" };

    private Signals() {
    }

    /**
     * Returns the signal that an exit status stands for.
     * @param exitCode the exit status as the JDK reports it
     * @return the signal's name, or {@code null} if the status is not 128 + a known signal
     */
    static String fromExitCode(int exitCode) {
        int signal = exitCode - 128;
        return (signal > 0 && signal < NAMES.length) ? NAMES[signal] : null;
    }
}
