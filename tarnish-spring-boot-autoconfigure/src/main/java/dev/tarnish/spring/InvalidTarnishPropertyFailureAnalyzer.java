package dev.tarnish.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidTarnishPropertyException} into a start-up report that names the key to fix.
 */
class InvalidTarnishPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTarnishPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidTarnishPropertyException cause) {
        String description = cause.getMessage();
        String action = (cause.getValue() != null)
                ? "Update the value of '" + cause.getKey() + "' in your configuration."
                : "Fix or remove '" + cause.getKey() + "' in your configuration.";
        return new FailureAnalysis(description, action, cause);
    }
}
