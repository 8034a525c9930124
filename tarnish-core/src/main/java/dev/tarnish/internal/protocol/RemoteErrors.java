package dev.tarnish.internal.protocol;

import java.util.IdentityHashMap;
import java.util.Map;

import dev.tarnish.RemoteFailure;

/**
 * Encodes an exception thrown in the worker (class name, message, stack trace and causes) and
 * decodes it in the caller as a {@link RemoteFailure}. The remote class is never loaded.
 */
public final class RemoteErrors {

    /** Causes beyond this depth are dropped: enough to diagnose, bounded against cycles and abuse. */
    static final int MAX_DEPTH = 16;

    /** Smallest encoding of a stack frame: three strings of length 0 or -1 and an int. */
    private static final int MIN_FRAME_SIZE = 16;

    private RemoteErrors() {
    }

    /**
     * Encodes an exception and its causes.
     * @param error the exception
     * @return the message body
     */
    public static byte[] encode(Throwable error) {
        WireOutput out = new WireOutput();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        int depth = 0;
        for (Throwable current = error; current != null && depth < MAX_DEPTH && seen.put(current, true) == null;
                current = current.getCause()) {
            depth++;
        }
        out.writeInt(depth);
        Throwable current = error;
        for (int i = 0; i < depth; i++) {
            out.writeString(current.getClass().getName()).writeString(current.getMessage());
            StackTraceElement[] stack = current.getStackTrace();
            out.writeInt(stack.length);
            for (StackTraceElement element : stack) {
                out.writeString(element.getClassName()).writeString(element.getMethodName())
                    .writeString(element.getFileName()).writeInt(element.getLineNumber());
            }
            current = current.getCause();
        }
        return out.toByteArray();
    }

    /**
     * Decodes an exception encoded by {@link #encode(Throwable)}.
     * @param body the message body
     * @return the outermost exception, with its causes
     * @throws ProtocolException if the body is malformed
     */
    public static RemoteFailure decode(byte[] body) throws ProtocolException {
        WireInput in = new WireInput(body);
        return decode(in);
    }

    static RemoteFailure decode(WireInput in) throws ProtocolException {
        int depth = in.readInt();
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new ProtocolException("Exception chain depth " + depth + " outside 1.." + MAX_DEPTH);
        }
        String[] classNames = new String[depth];
        String[] messages = new String[depth];
        StackTraceElement[][] stacks = new StackTraceElement[depth][];
        for (int i = 0; i < depth; i++) {
            classNames[i] = requireText(in.readString(), "exception class name");
            messages[i] = in.readString();
            int frames = in.readCount(MIN_FRAME_SIZE);
            stacks[i] = new StackTraceElement[frames];
            for (int f = 0; f < frames; f++) {
                String declaringClass = requireText(in.readString(), "stack frame class");
                String method = requireText(in.readString(), "stack frame method");
                String file = in.readString();
                int line = in.readInt();
                stacks[i][f] = new StackTraceElement(declaringClass, method, file, line);
            }
        }
        in.expectEnd();
        RemoteFailure cause = null;
        for (int i = depth - 1; i >= 0; i--) {
            cause = new RemoteFailure(classNames[i], messages[i], stacks[i], cause);
        }
        return cause;
    }

    private static String requireText(String value, String what) throws ProtocolException {
        if (value == null) {
            throw new ProtocolException("Missing " + what);
        }
        return value;
    }
}
