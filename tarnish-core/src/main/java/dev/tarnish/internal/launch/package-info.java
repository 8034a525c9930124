/**
 * How a worker process is started: the command line that re-runs the current application or a
 * worker main class, the JVM options a worker inherits and adds, and the private directory that
 * holds its socket and crash logs.
 */
package dev.tarnish.internal.launch;
