package dev.tarnish.tasks;

import java.util.Map;
import java.util.TreeMap;

import dev.tarnish.CallContext;
import dev.tarnish.Tarnish;
import dev.tarnish.Task;

/**
 * A worker that enters each call's context as an integration would: the task returns the headers it
 * ran under, and "fail" makes the task throw.
 */
public final class ContextWorkerMain {

    private static final ThreadLocal<Map<String, String>> CURRENT = ThreadLocal.withInitial(Map::of);

    private ContextWorkerMain() {
    }

    public static void main(String[] args) {
        CallContext context = new CallContext() {
            @Override
            public CallScope begin(String taskName) {
                throw new UnsupportedOperationException("worker side only");
            }

            @Override
            public Scope enter(String taskName, Map<String, String> headers) {
                CURRENT.set(new TreeMap<>(headers));
                return () -> CURRENT.remove();
            }
        };
        Tarnish.serveWorker(new HeadersTask(), HeadersTask.class, context);
        System.exit(0);
    }

    /** Returns the headers of the context it runs in, prefixed with its input. */
    public static class HeadersTask implements Task<String, String> {

        @Override
        public String run(String input) {
            if (input.equals("fail")) {
                throw new IllegalStateException("failing under " + CURRENT.get());
            }
            return input + " " + CURRENT.get();
        }
    }
}
