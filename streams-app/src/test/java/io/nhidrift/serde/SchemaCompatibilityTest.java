package io.nhidrift.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.nhidrift.testing.UnitTest;

/**
 * Every schema stays backward compatible with each committed version in {@code schemas/history}
 * (the current reader can read data any earlier writer wrote), checked with Avro's own checker, and
 * the newest committed version is the current schema (a change must add a new history file).
 */
@UnitTest
class SchemaCompatibilityTest {

    static Stream<Schema> schemas() {
        return Stream.of(UsageEvent.getClassSchema(), Entitlement.getClassSchema(), ActionUsage.getClassSchema(),
                CredentialState.getClassSchema(), Alert.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void currentSchemaReadsEveryCommittedVersion(Schema current) throws IOException {
        List<Schema> history = history(current.getName());
        assertFalse(history.isEmpty(), "no committed version of " + current.getName() + " in schemas/history");
        for (int v = 0; v < history.size(); v++) {
            SchemaCompatibility.SchemaPairCompatibility c =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, history.get(v));
            assertEquals(SchemaCompatibilityType.COMPATIBLE, c.getType(),
                    current.getName() + " cannot read version " + (v + 1) + ": " + c.getDescription());
        }
        assertEquals(history.get(history.size() - 1), current, current.getName()
                + " changed since its last committed version: check compatibility and add schemas/history/"
                + current.getName() + "-v" + (history.size() + 1) + ".avsc (the fully resolved schema)");
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void aFieldWithoutDefaultWouldBeCaught(Schema current) {
        Schema.Parser p = new Schema.Parser();
        String broken = current.toString().replaceFirst("\"fields\":\\[", "\"fields\":[{\"name\":\"mandatoryNew\",\"type\":\"string\"},");
        Schema evolved = p.parse(broken);
        assertTrue(SchemaCompatibility.checkReaderWriterCompatibility(evolved, current).getType()
                == SchemaCompatibilityType.INCOMPATIBLE, "the checker must reject a new field without default");
    }

    private static List<Schema> history(String name) throws IOException {
        Path dir = Path.of(System.getProperty("nhidrift.schemas", "../schemas"), "history");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(name + "-v\\d+\\.avsc"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b)))
                    .map(f -> {
                        try {
                            return new Schema.Parser().parse(f.toFile());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    private static int version(Path f) {
        String n = f.getFileName().toString();
        return Integer.parseInt(n.substring(n.lastIndexOf("-v") + 2, n.length() - 5));
    }
}
