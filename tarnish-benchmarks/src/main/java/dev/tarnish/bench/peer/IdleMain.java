package dev.tarnish.bench.peer;

/**
 * A bare idle JVM, for the memory baseline: prints {@code ready}, then waits for its stdin to end.
 */
public final class IdleMain {

    private IdleMain() {
    }

    /**
     * Waits.
     * @param args ignored (so the worker's arguments can be passed unchanged)
     * @throws Exception if stdin fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // Nothing to do: idle until the parent closes stdin.
        }
    }
}
