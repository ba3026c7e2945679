package io.nhidrift.replay;

import io.nhidrift.adapter.cloudtrail.CloudTrailAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads input files as a stream of raw records without interpreting them, in bounded memory whatever their
 * size: {@link DecodedInput} decompresses gzip (recognized by its header, bounded by
 * {@code replay.max-expanded-bytes}), {@link JsonRecordSplitter} splits the text into records (array elements,
 * CloudTrail {@code Records} elements, top-level values; broken lines rejected one by one). Every record read is
 * either handed to the sink or reported to the errors with its file, line and reason: nothing is dropped
 * silently. Directories are read recursively in path order.
 */
public final class RecordFileReader {

    /** Bytes a window keeps: a record of the largest accepted size fits in three quarters of it. */
    private static final int WINDOW_BYTES = 2 * ReplayLimits.MAX_RECORD_BYTES;

    private RecordFileReader() {}

    /**
     * Regular files under a path (itself if a file), sorted, so a replay is deterministic; hidden files are left
     * out. A directory or file that cannot be listed is reported to {@code errors} and passed over.
     */
    public static List<Path> files(Path path, BiConsumer<String, String> errors) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                errors.accept(file + ":0", "cannot read: " + describe(e));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    errors.accept(dir + ":0", "cannot read the directory: " + describe(e));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    /** As {@link #read(Path, String, ReplayLimits, Consumer, BiConsumer)} for a format without envelopes, default limits. */
    public static void read(Path file, Consumer<RawRecord> sink, BiConsumer<String, String> errors) {
        read(file, "", ReplayLimits.defaults(), sink, errors);
    }

    /**
     * Reads one file of {@code format} (CloudTrail S3-delivery bodies are split into their {@code Records}); each
     * record goes to {@code sink}, each record that cannot be read to {@code errors} with its origin
     * ({@code file:line}, and {@code [element i]} in an array) and reason.
     */
    public static void read(Path file, String format, ReplayLimits limits, Consumer<RawRecord> sink,
            BiConsumer<String, String> errors) {
        InputStream in;
        try {
            in = DecodedInput.open(file, limits.maxExpandedBytes());
        } catch (IOException e) {
            errors.accept(file + ":0", "cannot read: " + describe(e));
            return;
        }
        try (ByteWindow window = new ByteWindow(in, WINDOW_BYTES)) {
            new JsonRecordSplitter(file.toString(), window, CloudTrailAdapter.FORMAT.equals(format),
                    limits.maxRecordsPerFile(), sink, errors).run();
        } catch (IOException e) {
            // closing a file that was read to the end (or to its first failure, already reported)
        }
    }

    /** An I/O failure in one line: what failed and why, never a stack trace. */
    static String describe(IOException e) {
        String kind = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return kind;
    }
}
