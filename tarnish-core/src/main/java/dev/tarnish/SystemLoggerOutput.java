package dev.tarnish;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link WorkerOutput#systemLogger()}: each line to the task's {@link System.Logger}, as tarnish has
 * always logged worker output. The loggers are kept, since {@link System#getLogger} may build a new
 * one on each call.
 */
final class SystemLoggerOutput implements WorkerOutput {

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public void line(String taskName, long pid, Source source, String line) {
        Logger logger = this.loggers.computeIfAbsent(taskName, (name) -> System.getLogger("dev.tarnish.worker." + name));
        Level level = (source == Source.STDERR) ? Level.WARNING : Level.INFO;
        if (logger.isLoggable(level)) {
            logger.log(level, "[" + pid + "] " + line);
        }
    }
}
