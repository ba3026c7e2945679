package io.nhidrift.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class ImportersTest {

    @Test
    void registersEveryFormatUnderItsOwnName() {
        assertEquals(List.of("aws-authorization-details", "k8s-rbac", "gcp-iam"), Importers.formats());
        for (String f : Importers.formats()) {
            assertEquals(f, Importers.create(f).format());
            assertTrue(Importers.usage().stream().anyMatch(l -> l.startsWith(f + " ")), f);
        }
        assertNotSame(Importers.create("k8s-rbac"), Importers.create("k8s-rbac"), "one importer per import");
    }

    @Test
    void unknownFormatNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Importers.create("azure"));
        assertEquals("unknown FORMAT 'azure' (expected one of aws-authorization-details, k8s-rbac, gcp-iam)",
                e.getMessage());
    }

    @Test
    void onlyAwsTakesAccessKeysAndOneFile() {
        assertEquals(List.of("aws-authorization-details"), Importers.formatsTakingAccessKeys());
        Importer aws = Importers.create("aws-authorization-details");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> aws.importFrom(new ImportInput(List.of(Path.of("a.json"), Path.of("b.json")), List.of())));
        assertTrue(e.getMessage().contains("takes exactly one FILE"), e.getMessage());
    }
}
