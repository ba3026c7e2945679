package io.nhidrift.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.nhidrift.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Splits input files into raw records without interpreting them: a JSON array gives one record per
 * element, a file of one or more JSON values (pretty-printed or NDJSON) one per value; anything that
 * does not tokenize as JSON falls back to one record per non-blank line, so a broken line costs only
 * itself. Gzip is detected by its magic bytes. Directories are read recursively in path order.
 */
public final class RecordFileReader {

    private RecordFileReader() {}

    /** Files under a path (itself if a file), sorted, so a replay is deterministic. */
    public static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.walk(path)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /**
     * Reads one file; each record goes to {@code sink}, each file-level problem (unreadable, broken
     * gzip) to {@code errors} with the file name.
     */
    public static void read(Path file, java.util.function.Consumer<RawRecord> sink, BiConsumer<String, String> errors) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                bytes = gunzip(bytes);
            }
        } catch (IOException e) {
            errors.accept(file + ":0", "cannot read: " + e.getMessage());
            return;
        }
        split(file.toString(), bytes, sink);
    }

    static void split(String name, byte[] bytes, java.util.function.Consumer<RawRecord> sink) {
        List<RawRecord> values = new ArrayList<>();
        if (splitJson(name, bytes, values)) {
            values.forEach(sink);
        } else {
            splitLines(name, bytes, sink);
        }
    }

    private static boolean splitJson(String name, byte[] bytes, List<RawRecord> out) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return true;
            }
            if (first == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        return false;
                    }
                    addValue(name, bytes, p, out);
                }
                return p.nextToken() == null;
            }
            JsonToken t = first;
            while (t != null) {
                if (t != JsonToken.START_OBJECT) {
                    return false;
                }
                addValue(name, bytes, p, out);
                t = p.nextToken();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void addValue(String name, byte[] bytes, JsonParser p, List<RawRecord> out) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        out.add(new RawRecord(name, line, Arrays.copyOfRange(bytes, start, end)));
    }

    private static void splitLines(String name, byte[] bytes, java.util.function.Consumer<RawRecord> sink) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i;
                if (end > start && bytes[end - 1] == '\r') {
                    end--;
                }
                if (!isBlank(bytes, start, end)) {
                    sink.accept(new RawRecord(name, line, Arrays.copyOfRange(bytes, start, end)));
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(gz.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IOException("broken gzip: " + e.getMessage(), e);
        }
    }
}
