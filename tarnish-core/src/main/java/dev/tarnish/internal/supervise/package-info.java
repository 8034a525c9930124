/**
 * The caller's side of tarnish: the pool of worker processes for a task, spawning and handshaking,
 * the watchdog that enforces call timeouts, crash reports, the crash-loop breaker, and the counters
 * and events that monitoring reads.
 */
package dev.tarnish.internal.supervise;
