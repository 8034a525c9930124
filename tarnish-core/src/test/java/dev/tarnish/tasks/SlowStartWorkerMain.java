package dev.tarnish.tasks;

/**
 * A worker program that takes a minute before it reaches any tarnish code, as a large application
 * does on a loaded machine: its own watch of its parent has not started yet.
 */
public final class SlowStartWorkerMain {

    private SlowStartWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(60_000);
    }
}
