package io.nhidrift.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one import: the FILE arguments, the {@code --access-keys} files (for the formats that take them), and
 * the tag/label keys that name an owner ({@code --owner-keys}).
 */
public record ImportInput(List<Path> files, List<Path> accessKeyFiles, OwnerKeys ownerKeys) {

    public ImportInput {
        files = List.copyOf(files);
        accessKeyFiles = List.copyOf(accessKeyFiles);
        ownerKeys = ownerKeys == null ? OwnerKeys.DEFAULT : ownerKeys;
    }

    /** With the default owner keys. */
    public ImportInput(List<Path> files, List<Path> accessKeyFiles) {
        this(files, accessKeyFiles, OwnerKeys.DEFAULT);
    }

    /** Files as given; a directory contributes its regular files with one of the suffixes, sorted. */
    static List<Path> expand(List<Path> paths, String... suffixes) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                s.filter(Files::isRegularFile)
                        .filter(f -> Stream.of(suffixes).anyMatch(x -> f.getFileName().toString().endsWith(x)))
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }
}
