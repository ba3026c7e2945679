package io.nhidrift.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.config.ConfigKey;
import io.nhidrift.detect.AlertType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

/** The README documents every configuration key, alert type, input format and skip reason the code has. */
@UnitTest
class ReadmeTruthTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of(System.getProperty("nhidrift.schemas", "../schemas")).getParent().resolve("README.md"));
    }

    @Test
    void everyConfigurationKeyIsDocumented() throws Exception {
        String readme = readme();
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(readme.contains("`" + k.key()), "README does not document configuration key " + k.key());
        }
    }

    @Test
    void everyAlertTypeIsInTheDetectionsTable() throws Exception {
        String readme = readme();
        for (AlertType t : AlertType.values()) {
            assertTrue(readme.contains("| `" + t.name() + "` |"), "README Detections table lacks " + t);
        }
    }

    @Test
    void everyInputFormatIsDocumented() throws Exception {
        String readme = readme();
        String formats = Files.readString(Path.of(System.getProperty("nhidrift.schemas", "../schemas")).getParent()
                .resolve("docs/FORMATS.md"));
        for (String f : Adapters.formats()) {
            assertTrue(readme.contains("`" + f + "`"), "README does not name format " + f);
            assertTrue(f.equals("cloudtrail") || formats.contains("| `" + f + "` |"), "docs/FORMATS.md lacks " + f);
        }
    }

    @Test
    void everySkipReasonIsInTheReasonTable() throws Exception {
        String readme = readme();
        for (io.nhidrift.adapter.SkipReason r : io.nhidrift.adapter.SkipReason.values()) {
            assertTrue(readme.contains("| `" + r.label() + "` |"), "README's skip reason table lacks " + r.label());
        }
    }
}
