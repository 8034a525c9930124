package dev.tarnish.sample.tasks;

/**
 * Text to hash, many times over.
 *
 * @param text the text
 * @param rounds how many times to hash it, at least 1
 */
public record HashRequest(String text, int rounds) {
}
