package dev.tarnish.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The starter uses tarnish-core through its public API only, and its actuator support is a layer
 * above it: the Spring glue never depends on the endpoint, health or meters.
 */
class ArchitectureTests {

    private final JavaClasses starter = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.tarnish.spring");

    @Test
    void starterShouldUseOnlyCoresPublicApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.tarnish.internal..").check(this.starter);
    }

    @Test
    void springGlueShouldNotDependOnTheActuatorSupport() {
        noClasses().that().resideOutsideOfPackage("dev.tarnish.spring.actuate..")
            .should().dependOnClassesThat().resideInAPackage("dev.tarnish.spring.actuate..")
            .check(this.starter);
    }
}
