package dev.tarnish.bench.peer;

/**
 * A bare JVM start: prints one line and exits.
 */
public final class HelloMain {

    private HelloMain() {
    }

    /**
     * Prints {@code hello}.
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
