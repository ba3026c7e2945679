package io.nhidrift.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared public sample files are ({@code ../shared/samples}, read in place, never copied into the
 * repository). The build passes the location as the system property {@code nhidrift.samples}; a test that
 * needs samples fails, never skips, when they are missing, so a sample-based test cannot pass by not running.
 */
public final class Samples {

    private Samples() {}

    /** The root of the samples; throws if the property is unset or names no directory. */
    public static Path root() {
        String p = System.getProperty("nhidrift.samples");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property nhidrift.samples is not set: run the tests through Maven "
                    + "(it points at ../shared/samples) or pass -Dnhidrift.samples=DIR");
        }
        Path root = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no sample directory at " + root + " (nhidrift.samples)");
        }
        return root;
    }

    /** A file or directory under the samples root, which must exist. */
    public static Path resolve(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("sample missing: " + p);
        }
        return p;
    }
}
