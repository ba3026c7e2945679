package io.nhidrift.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
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
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::ownProductionClasses)
                .importPackages("io.nhidrift");
    }

    /**
     * Class directories, and the core's jar: once the core is packaged ({@code mvn verify}) this module sees it as a
     * jar, not as {@code target/classes}. Not its tests jar, nor any other jar.
     */
    private static boolean ownProductionClasses(Location location) {
        return !location.isJar() || (location.contains("nhi-drift-core") && !location.contains("-tests.jar"));
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("io.nhidrift.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCoreKnowsNothingOfKafkaOrTheService() {
        noClasses().that().resideInAnyPackage("io.nhidrift.adapter..", "io.nhidrift.detect..",
                        "io.nhidrift.inventory..", "io.nhidrift.importer..", "io.nhidrift.json..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.nhidrift.config..",
                        "io.nhidrift.topology..", "io.nhidrift.serde..", "io.nhidrift.app..", "io.nhidrift.http..",
                        "io.nhidrift.cli..", "io.nhidrift.replay..", "io.nhidrift.demo..", "io.nhidrift.embedded..")
                .check(classes);
    }

    @Test
    void detectorsSeeOnlyTheEngineApiAndTheModel() {
        noClasses().that().resideInAPackage("io.nhidrift.detect.detectors..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nhidrift.adapter..", "io.nhidrift.importer..")
                .check(classes);
    }
}
