package dev.tarnish.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure tarnish as users get it: through its public API only, never its internals.
 */
class PublicApiTests {

    @Test
    void benchmarksShouldUseThePublicApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.tarnish.internal..")
            .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tarnish.bench"));
    }
}
