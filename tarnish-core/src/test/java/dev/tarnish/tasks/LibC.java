package dev.tarnish.tasks;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The bits of libc the crash tasks call through JNA: real native code, really crashing.
 */
public interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    void abort();

    int write(int fd, byte[] buffer, long count);

    int pause();
}
