package dev.tarnish.smoke;

import java.util.List;

/**
 * What the task saw in the process that ran it.
 *
 * @param pid the process
 * @param activeProfiles its active profiles
 * @param role {@code smoke.role}: {@code worker} where {@code application-tarnish-worker.properties} applies
 * @param testProperty {@code smoke.test-property}, set by the test
 * @param dynamicProperty {@code smoke.dynamic-property}, set by the test's {@code @DynamicPropertySource}
 * @param tables the tables of the process's own database
 * @param threads the names of the process's live threads
 * @param neverInWorkerDefined whether the bean kept out by profile is defined
 * @param entities the JPA entities the process's {@code EntityManagerFactory} knows
 * @param item the item asked for
 */
public record InventoryReport(long pid, List<String> activeProfiles, String role, String testProperty,
        String dynamicProperty, List<String> tables, List<String> threads, boolean neverInWorkerDefined,
        List<String> entities, String item) {
}
