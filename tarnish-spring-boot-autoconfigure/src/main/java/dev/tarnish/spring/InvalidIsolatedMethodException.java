package dev.tarnish.spring;

/**
 * An {@link Isolated @Isolated} method that cannot run in a worker: calls to it would not reach the
 * proxy (a method that is not public, is static or final, on a final class), its bean is not a
 * singleton, or its argument or return types cannot be resolved. Thrown at start-up, so that such a
 * method never runs in the application unnoticed.
 */
public class InvalidIsolatedMethodException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String method;

    private final String reason;

    /**
     * Creates an exception.
     * @param method the method, such as {@code com.example.Thumbnails#render(String, int)}
     * @param reason why it cannot be isolated
     */
    public InvalidIsolatedMethodException(String method, String reason) {
        super("@Isolated method " + method + " cannot run in a worker: " + reason);
        this.method = method;
        this.reason = reason;
    }

    /**
     * Returns the method.
     * @return its description, with its class and parameter types
     */
    public String getMethod() {
        return this.method;
    }

    /**
     * Returns why the method cannot be isolated.
     * @return the reason
     */
    public String getReason() {
        return this.reason;
    }
}
