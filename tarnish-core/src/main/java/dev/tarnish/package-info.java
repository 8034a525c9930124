/**
 * tarnish: crash isolation for the JVM. Code that may crash the JVM (native libraries, a third-party
 * {@code System.exit}, an {@link java.lang.OutOfMemoryError}, a call that never returns) runs in a
 * supervised worker process; a crash fails the call with a typed {@link dev.tarnish.TarnishException}
 * and a new worker takes its place.
 *
 * <p>This is crash isolation, not a security sandbox: a worker runs with the same user, files and
 * network as the application.
 *
 * <p>Start with {@link dev.tarnish.Task}, {@link dev.tarnish.IsolatedProcess} and
 * {@link dev.tarnish.Tarnish}.
 */
package dev.tarnish;
