package dev.tarnish.spring.it.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import dev.tarnish.spring.Isolated;

import org.springframework.stereotype.Service;

/**
 * A bean whose annotated methods run in workers, as an application would write it: with a dependency,
 * several arguments, generic types, a checked exception, and ways to crash.
 */
@Service
public class Shapes {

    private final Greeter greeter;

    Shapes(Greeter greeter) {
        this.greeter = greeter;
    }

    /**
     * Scales a shape, or crashes as {@code how} says.
     * @param shape the shape
     * @param factor the factor
     * @param how "" to scale, or "segfault", "fail", "hang"
     * @return the scaled shape, named by the bean's dependency, with the pid that scaled it
     * @throws UncheckedIOException when asked to fail
     */
    @Isolated(callTimeout = "60s")
    public Shape scale(Shape shape, int factor, String how) {
        switch (how) {
            case "segfault" -> segfault();
            case "fail" -> throw new UncheckedIOException(new IOException("cannot scale " + shape.name()));
            case "hang" -> {
                while (true) {
                    LockSupport.park(); // stands for a native call that never returns
                }
            }
            default -> {
            }
        }
        return new Shape(this.greeter.greet(shape.name()), shape.size() * factor, ProcessHandle.current().pid());
    }

    /**
     * Describes shapes later.
     * @param shapes the shapes
     * @return a future of their names
     */
    @Isolated(name = "outlines")
    public CompletableFuture<List<String>> outlines(List<Shape> shapes) {
        return CompletableFuture.supplyAsync(() -> shapes.stream()
            .map((shape) -> shape.name() + "@" + ProcessHandle.current().pid())
            .toList());
    }

    /**
     * Not isolated: runs where it is called.
     * @return this process's pid
     */
    public long pid() {
        return ProcessHandle.current().pid();
    }

    /** A write to address 0 through {@code sun.misc.Unsafe}, by reflection: not a Java exception, a SIGSEGV. */
    private static void segfault() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafeClass.getMethod("putAddress", long.class, long.class).invoke(field.get(null), 0L, 0L);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A shape.
     * @param name its name
     * @param size its size
     * @param pid the process that made it, 0 for the caller's
     */
    public record Shape(String name, int size, long pid) {
    }
}
