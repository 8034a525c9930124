/**
 * {@link dev.tarnish.spring.Isolated @Isolated} methods: finding them among the application's beans,
 * the proxy that sends their calls to a worker, the encoding of their arguments and return values,
 * and the task that runs them in the worker. Used by the starter's auto-configuration; not an API
 * for applications.
 */
package dev.tarnish.spring.isolated;
