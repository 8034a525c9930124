package dev.tarnish.sample.tasks;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The C library, called through JNA: real native code that can really crash the JVM.
 */
public interface LibC extends Library {

    /** The process's libc. Loading it is what {@link NativeTask}'s class does first. */
    LibC INSTANCE = Native.load("c", LibC.class);

    /**
     * Counts the bytes of a C string; given {@code null} it reads address 0 and the process dies
     * of SIGSEGV.
     * @param text the string
     * @return its length in bytes
     */
    long strlen(String text);

    /**
     * Returns the calling process's id.
     * @return the pid
     */
    int getpid();

    /** Ends the process with SIGABRT, as a failed {@code assert} in C does. */
    void abort();

    /**
     * Sleeps until a signal arrives: a native call that never returns.
     * @return never, in practice
     */
    int pause();
}
