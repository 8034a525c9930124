/**
 * Spring Boot integration of tarnish: the {@link dev.tarnish.spring.TarnishTask} annotation, the
 * registration of one {@link dev.tarnish.IsolatedProcess} bean per task, the hook that runs the
 * application as a worker, and the {@code tarnish.*} properties.
 */
package dev.tarnish.spring;
