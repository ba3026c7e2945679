package io.nhidrift.cli;

import io.nhidrift.replay.Printable;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The checks {@code replay} makes on its arguments before reading anything: each failure is a
 * {@link Main.UsageError} (exit code 2, one line naming the argument and the reason), never a stack trace.
 */
final class ReplayArguments {

    private ReplayArguments() {}

    /** A path that exists and can be read, and if a directory, whose whole tree can be listed and read. */
    static Path readablePath(String option, String text) {
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new Main.UsageError(option + Printable.escape(text) + ": not a valid path");
        }
        String shown = option + Printable.escape(text);
        if (!Files.exists(path)) {
            throw new Main.UsageError(shown + ": no such file or directory");
        }
        if (!Files.isReadable(path)) {
            throw new Main.UsageError(shown + ": permission denied");
        }
        if (Files.isDirectory(path)) {
            try {
                Files.walkFileTree(path, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (attrs.isRegularFile() && !Files.isReadable(file)) {
                            throw new AccessDeniedException(file.toString());
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (AccessDeniedException e) {
                throw new Main.UsageError(shown + ": cannot read " + Printable.escape(e.getFile()) + ": permission denied");
            } catch (IOException e) {
                throw new Main.UsageError(shown + ": cannot read: " + Printable.escape(String.valueOf(e.getMessage())));
            }
        }
        return path;
    }

    /** {@code --until}: an ISO-8601 instant, or null when not given. */
    static Instant until(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Main.UsageError("--until must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '"
                    + Printable.escape(text) + "'");
        }
    }

    /** The alerts file, opened for writing; its directory must exist (it is not created). */
    static OutputStream openAlerts(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        String shown = "--alerts " + Printable.escape(file.toString());
        if (parent != null && !Files.isDirectory(parent)) {
            throw new Main.UsageError(shown + ": directory " + Printable.escape(parent.toString()) + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new Main.UsageError(shown + ": is a directory");
        }
        try {
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (AccessDeniedException e) {
            throw new Main.UsageError(shown + ": permission denied");
        } catch (NoSuchFileException e) {
            throw new Main.UsageError(shown + ": no such directory");
        } catch (IOException | SecurityException e) {
            throw new Main.UsageError(shown + ": cannot write: " + Printable.escape(String.valueOf(e.getMessage())));
        }
    }
}
