package dev.tarnish;

/**
 * Where the lines that a task's workers print on their standard output and error go in the
 * application. Set with {@link IsolatedProcessBuilder#output(WorkerOutput)}; the default,
 * {@link #systemLogger()}, logs each line to the {@link System.Logger} {@code dev.tarnish.worker.<task>}.
 * Whatever it is, the last lines of each stream are also kept for the crash reports, unchanged.
 *
 * <p>Each stream of each worker is read on a thread of its own, so an output is called from several
 * threads at once, but with the lines of one stream one at a time and in order. It should be quick:
 * while it runs, the worker cannot write more than its pipe holds. An exception it throws is logged,
 * and the next line is given to it all the same. Lines come without their line separator; a line
 * longer than 256 Ki characters comes in pieces of that length. No argument is ever {@code null}.
 */
@FunctionalInterface
public interface WorkerOutput {

    /**
     * Takes one line a worker printed.
     *
     * @param taskName the task's name
     * @param pid the worker's process id
     * @param source the stream the worker printed it on
     * @param line the line, without its line separator
     */
    void line(String taskName, long pid, Source source, String line);

    /**
     * The default: a line on standard output is logged at {@code INFO}, one on standard error at
     * {@code WARNING}, to the {@link System.Logger} named {@code dev.tarnish.worker.<task name>},
     * behind the worker's pid in square brackets.
     *
     * @return a new output that logs to {@link System.Logger}s
     */
    static WorkerOutput systemLogger() {
        return new SystemLoggerOutput();
    }

    /** The stream a worker printed a line on. */
    enum Source {

        /** Standard output: the JVM's fatal error banner, {@code System.out}, the console log of most setups. */
        STDOUT,

        /** Standard error: JVM warnings, the out-of-memory exit, {@code System.err}, native libraries' complaints. */
        STDERR
    }
}
