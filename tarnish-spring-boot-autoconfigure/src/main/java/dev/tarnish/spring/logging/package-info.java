/**
 * Worker logs in the application's logging: each line a worker prints is logged again in the
 * application through SLF4J, at the worker's level and under the worker's logger, with the task's
 * name, the worker's pid and the worker's MDC as MDC entries, so that Spring Boot's structured
 * logging writes them as fields of its own.
 */
package dev.tarnish.spring.logging;
