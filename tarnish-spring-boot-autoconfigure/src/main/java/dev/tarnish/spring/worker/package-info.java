/**
 * Running a Spring Boot application as a tarnish worker: the launch hook that switches an
 * application started with {@code TARNISH_WORKER} into worker mode, how the application chooses the
 * command that starts its workers, and the library's worker main class for applications whose own
 * main cannot be re-run (tests).
 */
package dev.tarnish.spring.worker;
