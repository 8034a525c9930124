package dev.tarnish.spring.logging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What the application's {@code logging.structured.json.rename} and {@code logging.structured.json.add}
 * do to its structured log, which its workers, reading the same configuration, do to theirs too: a
 * worker's event is read back with its members' own names, and without the members the application
 * adds itself again when it logs the event.
 *
 * @param renamed the original name of each renamed member, by its new name
 * @param added the names of the added members
 */
record StructuredLogNames(Map<String, String> renamed, Set<String> added) {

    /** No member renamed or added. */
    static final StructuredLogNames NONE = new StructuredLogNames(Map.of(), Set.of());

    StructuredLogNames {
        renamed = Map.copyOf(renamed);
        added = Set.copyOf(added);
    }

    /**
     * Reads the application's renamed and added members.
     *
     * @param environment the application's environment
     * @return the names
     */
    static StructuredLogNames of(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> rename = binder.bind("logging.structured.json.rename",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Map<String, String> add = binder.bind("logging.structured.json.add",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Map<String, String> renamed = new HashMap<>();
        rename.forEach((original, renamedTo) -> renamed.put(renamedTo, original));
        return new StructuredLogNames(renamed, add.keySet());
    }

    /**
     * Returns the name a member has in the logstash format.
     *
     * @param name the member's name in the worker's line
     * @return its original name
     */
    String original(String name) {
        return this.renamed.getOrDefault(name, name);
    }
}
