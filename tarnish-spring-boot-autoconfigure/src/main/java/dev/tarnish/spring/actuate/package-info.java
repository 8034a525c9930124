/**
 * Management of tarnish tasks: the {@code tarnish} actuator endpoint, the {@code tarnish} health
 * indicator and the {@code tarnish.*} Micrometer meters, each with its auto-configuration. Each
 * backs off when its module (actuator, health, Micrometer) is not on the class path.
 */
package dev.tarnish.spring.actuate;
