package dev.tarnish.tasks;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.tarnish.Task;

/**
 * A task whose input chooses how it ends: a value, an exception, or one of the ways a JVM dies.
 */
public class CrashingTask implements Task<String, String> {

    private int calls;

    @Override
    public String run(String input) throws Exception {
        this.calls++;
        String[] parts = input.split(":", 2);
        String arg = (parts.length > 1) ? parts[1] : "";
        switch (parts[0]) {
            case "echo":
                return arg;
            case "pid":
                return Long.toString(ProcessHandle.current().pid());
            case "calls":
                return Integer.toString(this.calls);
            case "throw":
                throw new IllegalStateException("boom: " + arg, new java.io.IOException("root cause"));
            case "segfault-unsafe":
                readAddressZeroThroughUnsafe();
                return "survived";
            case "segfault-jna":
                return Long.toString(new Pointer(0).getLong(0));
            case "abort":
                LibC.INSTANCE.abort();
                return "survived";
            case "exit":
                System.exit(Integer.parseInt(arg));
                return "survived";
            case "halt":
                Runtime.getRuntime().halt(Integer.parseInt(arg));
                return "survived";
            case "oom":
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1024 * 1024]);
                }
            case "spin":
                long spins = 0;
                while (!Thread.currentThread().isInterrupted() || spins >= 0) {
                    spins++;
                }
                return "survived";
            case "native-hang":
                LibC.INSTANCE.pause();
                return "survived";
            case "leak":
                // Native memory that is never freed, every page touched, as a leaking library's.
                long bytes = Long.parseLong(arg) << 20;
                new Pointer(Native.malloc(bytes)).setMemory(0, bytes, (byte) 1);
                return Long.toString(ProcessHandle.current().pid());
            case "max-heap":
                return Long.toString(Runtime.getRuntime().maxMemory());
            case "env":
                return String.valueOf(System.getenv(arg));
            case "cwd":
                return Path.of("").toAbsolutePath().toString();
            case "exit-unless-marked":
                // Dies the first time, through a file the next worker finds: a one-off crash.
                if (Files.notExists(Path.of(arg))) {
                    Files.writeString(Path.of(arg), "crashed once");
                    System.exit(7);
                }
                return "served by " + ProcessHandle.current().pid();
            case "mark-then-native-hang":
                // Tells a test, through a file it names, that the call reached the worker.
                Files.writeString(Path.of(arg), "running");
                LibC.INSTANCE.pause();
                return "survived";
            case "span":
                // When the call ran, in wall-clock time that other processes on the machine share.
                long from = System.currentTimeMillis();
                Thread.sleep(Long.parseLong(arg));
                return from + "-" + System.currentTimeMillis();
            case "sleep":
                Thread.sleep(Long.parseLong(arg));
                return Long.toString(ProcessHandle.current().pid());
            case "stdout-garbage":
                // Straight to file descriptor 1, as native code would: Java's and libc's.
                FileOutputStream fd1 = new FileOutputStream(FileDescriptor.out);
                fd1.write(new byte[] { 0, 0, 0, 5, 3, 'j', 'u', 'n', 'k', '!', (byte) 0xff, '\n' });
                fd1.flush();
                byte[] garbage = "\u0000\u0000\u0000\u0010\u0003garbage from native code\n".getBytes(StandardCharsets.ISO_8859_1);
                LibC.INSTANCE.write(1, garbage, garbage.length);
                System.out.println("plain println noise");
                return "clean:" + arg;
            case "stderr":
                System.err.println(arg);
                return "written";
            default:
                throw new IllegalArgumentException("unknown command " + parts[0]);
        }
    }

    /**
     * {@code sun.misc.Unsafe.getByte(0)}, reached by reflection so that the build's compiler warnings
     * (proprietary API) stay errors.
     */
    private static void readAddressZeroThroughUnsafe() throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field field = unsafeClass.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        unsafeClass.getMethod("getByte", long.class).invoke(field.get(null), 0L);
    }
}
