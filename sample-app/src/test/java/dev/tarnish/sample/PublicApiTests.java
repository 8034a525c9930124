package dev.tarnish.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The sample is what users copy: it uses tarnish's public API only, never its internals.
 */
class PublicApiTests {

    @Test
    void sampleShouldUseThePublicApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.tarnish.internal..")
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.tarnish.spring.worker..")
            .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tarnish.sample"));
    }
}
