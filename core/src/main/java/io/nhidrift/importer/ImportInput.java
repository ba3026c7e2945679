package io.nhidrift.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files of one import: the FILE arguments, and the {@code --access-keys} files (for the formats that take them). */
public record ImportInput(List<Path> files, List<Path> accessKeyFiles) {

    public ImportInput {
        files = List.copyOf(files);
        accessKeyFiles = List.copyOf(accessKeyFiles);
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
