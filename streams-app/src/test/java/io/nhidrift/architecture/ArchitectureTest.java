package io.nhidrift.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the README's Architecture section, checked on the compiled production classes of
 * nhi-drift-core and streams-app. The module boundaries are also enforced by Maven (the core has no Kafka
 * on its classpath); these rules add what Maven cannot see inside a module.
 */
@UnitTest
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // production classes only: core comes from its jar or target/classes depending on the Maven phase
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("test-classes"))
                .importPackages("io.nhidrift");
        assertTrue(classes.contain("io.nhidrift.detect.DriftEngine") && classes.contain("io.nhidrift.topology.TopologyFactory"),
                "both modules' classes must be imported");
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("io.nhidrift.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCoreKnowsNothingOfKafkaOrTheService() {
        noClasses().that().resideInAnyPackage("io.nhidrift.adapter..", "io.nhidrift.detect..",
                        "io.nhidrift.inventory..", "io.nhidrift.importer..", "io.nhidrift.json..", "io.nhidrift.identity..",
                        "io.nhidrift.ocsf..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.nhidrift.config..",
                        "io.nhidrift.topology..", "io.nhidrift.serde..", "io.nhidrift.app..", "io.nhidrift.http..",
                        "io.nhidrift.cli..", "io.nhidrift.replay..", "io.nhidrift.demo..", "io.nhidrift.embedded..")
                .check(classes);
    }

    @Test
    void theJsonHelpersAndIdentityRulesStandAlone() {
        noClasses().that().resideInAPackage("io.nhidrift.json..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nhidrift.adapter..", "io.nhidrift.detect..",
                        "io.nhidrift.inventory..", "io.nhidrift.importer..", "io.nhidrift.identity..")
                .check(classes);
        noClasses().that().resideInAPackage("io.nhidrift.identity..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nhidrift.adapter..", "io.nhidrift.detect..",
                        "io.nhidrift.importer..")
                .check(classes);
    }

    @Test
    void detectorsSeeOnlyTheEngineApiAndTheModel() {
        noClasses().that().resideInAPackage("io.nhidrift.detect.detectors..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nhidrift.adapter..", "io.nhidrift.importer..")
                .check(classes);
    }
}
