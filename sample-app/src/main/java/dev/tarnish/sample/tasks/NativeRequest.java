package dev.tarnish.sample.tasks;

/**
 * What to ask the native library.
 *
 * @param outcome how the call should end: {@code ok}, {@code error}, {@code segfault}, {@code abort},
 *     {@code exit}, {@code oom} or {@code hang}
 * @param text the text to measure, for {@code ok}
 */
public record NativeRequest(String outcome, String text) {
}
