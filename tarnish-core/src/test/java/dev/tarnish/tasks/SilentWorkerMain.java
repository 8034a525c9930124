package dev.tarnish.tasks;

import dev.tarnish.Tarnish;

/**
 * A worker that never connects back: its socket stays open for as long as the start-up timeout
 * allows, which gives a test the time to try to reach it from elsewhere.
 */
public final class SilentWorkerMain {

    private SilentWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Tarnish.watchParent();
        Thread.currentThread().join();
    }
}
