package dev.tarnish.bench.tasks;

import java.lang.reflect.Field;

import sun.misc.Unsafe;

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
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Unsafe unsafe = (Unsafe) field.get(null);
            return unsafe.getByte(0L);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
