package dev.tarnish.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidIsolatedMethodException} into a start-up report that names the method, why
 * it cannot be isolated and what to do instead.
 */
class InvalidIsolatedMethodFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIsolatedMethodException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidIsolatedMethodException cause) {
        String description = "The @Isolated method " + cause.getMethod() + " cannot run in a worker:\n\n\t"
                + cause.getReason();
        String action = "Make it a public, non-static, non-final method of a singleton bean whose class is not"
                + " final, with concrete argument and return types, or move the code into a @TarnishTask class.";
        return new FailureAnalysis(description, action, cause);
    }
}
