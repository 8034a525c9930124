package dev.tarnish.sample.tasks;

import java.util.ArrayList;
import java.util.List;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;

/**
 * Calls into libc through JNA; the request picks how the call ends. Everything here would take the
 * whole application down if it ran in the application's own JVM. Its static initializer loads the
 * native library, which is why tarnish never initializes this class outside a worker.
 */
@TarnishTask(name = "native", callTimeout = "5s")
public class NativeTask implements Task<NativeRequest, NativeResult> {

    private static final LibC libc = LibC.INSTANCE;

    @Override
    public NativeResult run(NativeRequest request) {
        String text = (request.text() != null) ? request.text() : "hello from C";
        switch (request.outcome()) {
            case "ok":
                return new NativeResult(text, libc.strlen(text), libc.getpid());
            case "error":
                throw new IllegalArgumentException("The native library rejects '" + text + "'");
            case "segfault":
                // strlen(NULL): libc reads address 0 and the kernel sends SIGSEGV.
                libc.strlen(null);
                break;
            case "abort":
                libc.abort();
                break;
            case "exit":
                // A third-party library that "handles" an error by ending the process.
                System.exit(42);
                break;
            case "oom":
                List<long[]> leak = new ArrayList<>();
                while (true) {
                    leak.add(new long[1 << 20]);
                }
            case "hang":
                libc.pause();
                break;
            default:
                throw new IllegalArgumentException("Unknown outcome '" + request.outcome()
                        + "'; try ok, error, segfault, abort, exit, oom or hang");
        }
        throw new IllegalStateException("The native call returned when it should not have");
    }
}
