/**
 * The side of tarnish that runs inside a worker process: connecting back to the caller, the loop
 * that serves calls, and the watch that ends the worker when its parent dies. Depends on the
 * protocol only, never on the supervising side.
 */
package dev.tarnish.internal.worker;
