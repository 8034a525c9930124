package dev.tarnish.bench.tasks;

import java.lang.reflect.Field;

/**
 * Kills the current JVM with a segmentation fault.
 */
public final class Segfault {

    private Segfault() {
    }

    /**
     * Reads address 0 through {@code sun.misc.Unsafe}; does not return.
     * @return never
     */
    public static byte now() {
        try {
            // By reflection: a compile-time reference to the proprietary API is a compiler warning, and
            // warnings fail the build.
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (byte) unsafeClass.getMethod("getByte", long.class).invoke(field.get(null), 0L);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
