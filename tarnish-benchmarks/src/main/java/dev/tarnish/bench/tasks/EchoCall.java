package dev.tarnish.bench.tasks;

import java.io.Serializable;

import dyorgio.runtime.out.process.CallableSerializable;

/**
 * The task of the pp4j and out-process baselines: a serializable callable that returns its value,
 * or, given {@link SegfaultTask#SEGFAULT}, kills its JVM with a segmentation fault.
 *
 * @param value the value to return
 */
public record EchoCall(Serializable value) implements CallableSerializable<Serializable> {

    @Override
    public Serializable call() {
        if (SegfaultTask.SEGFAULT.equals(this.value)) {
            Segfault.now();
        }
        return this.value;
    }

    /**
     * Returns the pid of the JVM the callable runs in, to find the library's worker.
     */
    public record Pid() implements CallableSerializable<Long> {

        @Override
        public Long call() {
            return ProcessHandle.current().pid();
        }
    }
}
