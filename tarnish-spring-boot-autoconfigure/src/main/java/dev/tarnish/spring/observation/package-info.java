/**
 * Micrometer {@code Observation}s of task calls: {@code tarnish.call} in the application for each call,
 * carrying the trace into the worker, and {@code tarnish.task} in the worker around the task's run,
 * so that the worker's spans are children of the caller's and its log lines carry the same trace id.
 */
package dev.tarnish.spring.observation;
