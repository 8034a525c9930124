package dev.tarnish;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the design, checked on tarnish-core's byte code: no Spring in core, the worker
 * side never reaching into the supervising side, and a protocol that knows nothing of processes.
 */
class ArchitectureTests {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tarnish");
    }

    @Test
    void coreShouldNotDependOnSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(core);
    }

    @Test
    void workerSideShouldNotDependOnTheSupervisingSide() {
        noClasses().that().resideInAPackage("dev.tarnish.internal.worker..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tarnish.internal.supervise..",
                    "dev.tarnish.internal.launch..")
            .check(core);
    }

    @Test
    void supervisingSideShouldNotDependOnTheWorkerSide() {
        noClasses().that().resideInAPackage("dev.tarnish.internal.supervise..")
            .should().dependOnClassesThat().resideInAPackage("dev.tarnish.internal.worker..")
            .check(core);
    }

    @Test
    void protocolShouldKnowNothingOfProcesses() {
        noClasses().that().resideInAPackage("dev.tarnish.internal.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tarnish.internal.launch..",
                    "dev.tarnish.internal.supervise..", "dev.tarnish.internal.worker..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(Process.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessHandle.class.getName())
            .check(core);
    }
}
