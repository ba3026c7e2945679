package io.nhidrift.importer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Locates the shared sample files (never copied into the repository). */
final class ImportSamples {
    private ImportSamples() {}

    static Path entitlements(String relative) {
        return io.nhidrift.testing.Samples.resolve("entitlements/" + relative);
    }

    static boolean anyWarning(ImportResult r, String... fragments) {
        return r.warnings().stream().anyMatch(w -> List.of(fragments).stream().allMatch(w::contains));
    }
}
