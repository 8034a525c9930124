package dev.tarnish.internal.launch;

import java.io.File;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Makes the kernel kill a worker the moment its parent dies, from the worker's first instruction on:
 * before its JVM has loaded a class, while it is busy, while it is stuck in native code.
 *
 * <p>On Linux a process can ask for a signal when its parent dies ({@code PR_SET_PDEATHSIG}); the
 * request survives {@code exec}. Java cannot make it between {@code fork} and {@code exec}, so the
 * worker's command is prefixed with util-linux's {@code setpriv --pdeathsig KILL --}, which makes the
 * request and then execs {@code java} in the same process. The kernel sends the signal when the
 * thread that started the process ends, not only the process: workers must therefore be started from
 * a thread that lives as long as their pool.
 *
 * <p>Where {@code setpriv} is missing or too old (util-linux before 2.33), or off Linux, the prefix is
 * empty and the worker's own watch of its stdin and parent is what remains; it starts once the
 * worker's JVM reaches tarnish's code. The system property {@code tarnish.parent-death-signal=false}
 * turns the prefix off.
 */
public final class ParentDeathSignal {

    private static final Logger logger = System.getLogger(ParentDeathSignal.class.getName());

    private static final List<String> PREFIX = probe();

    private ParentDeathSignal() {
    }

    /**
     * Returns what goes in front of a worker's command, once checked for this machine.
     * @return the prefix, or an empty list where the kernel cannot be asked
     */
    public static List<String> commandPrefix() {
        return PREFIX;
    }

    private static List<String> probe() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || "false".equalsIgnoreCase(System.getProperty("tarnish.parent-death-signal"))) {
            return List.of();
        }
        Path setpriv = find("setpriv");
        if (setpriv == null) {
            logger.log(Level.DEBUG, "No setpriv on this machine: workers watch their parent themselves once started");
            return List.of();
        }
        List<String> prefix = List.of(setpriv.toString(), "--pdeathsig", "KILL", "--");
        try {
            Process check = new ProcessBuilder(concat(prefix, "true")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (check.waitFor(5, TimeUnit.SECONDS) && check.exitValue() == 0) {
                return prefix;
            }
            check.destroyForcibly();
        }
        catch (Exception ex) {
            // Treated as missing below.
        }
        logger.log(Level.DEBUG, setpriv + " cannot set a parent-death signal: workers watch their parent themselves");
        return List.of();
    }

    private static Path find(String command) {
        String path = System.getenv("PATH");
        String searched = ((path != null) ? path + File.pathSeparator : "") + "/usr/bin" + File.pathSeparator + "/bin";
        for (String folder : searched.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<String> concat(List<String> prefix, String command) {
        List<String> all = new ArrayList<>(prefix);
        all.add(command);
        return all;
    }
}
