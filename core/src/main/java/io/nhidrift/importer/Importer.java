package io.nhidrift.importer;

import java.io.IOException;
import java.util.List;

/**
 * Turns one kind of entitlement export into inventory records (CONTRACT section 3). One implementation per export
 * format, registered in {@link Importers}; an instance serves one import (importers keep state while they run).
 */
public interface Importer {

    /** The format name users type, e.g. {@code k8s-rbac}. */
    String format();

    /** Help lines: the synopsis ({@code FORMAT FILE...}), then what is read and made, indented. */
    List<String> usage();

    /** Whether {@code --access-keys} files mean anything to this format. */
    default boolean takesAccessKeys() {
        return false;
    }

    /**
     * Imports the given files (all exist).
     *
     * @throws IllegalArgumentException when the files cannot be used as this format (the message says why)
     * @throws IOException              when a file cannot be read
     */
    ImportResult importFrom(ImportInput input) throws IOException;
}
