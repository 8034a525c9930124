package dev.tarnish.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link TaskNameClashException} into a start-up report that names both classes and how to
 * tell them apart.
 */
class TaskNameClashFailureAnalyzer extends AbstractFailureAnalyzer<TaskNameClashException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TaskNameClashException cause) {
        String description = "Two tasks have the name '" + cause.getTaskName() + "':\n\n\t- "
                + cause.getFirstClassName() + "\n\t- " + cause.getSecondClassName() + "\n\nA task name identifies"
                + " one task's workers, its tarnish.tasks.<name>.* properties, its meters and its endpoint entry.";
        String action = "Give one of them another name, such as @TarnishTask(name = \"...\") or @Isolated(name = \"...\"),"
                + " and move any"
                + " tarnish.tasks." + cause.getTaskName() + ".* properties that were meant for it to the new name.";
        return new FailureAnalysis(description, action, cause);
    }
}
