package io.nhidrift.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reading JSON, the one way: bounded records (log lines, inventory records) with every failure turned into a
 * {@link RecordException} with a reason, and whole export files (JSON or YAML documents) for the importers.
 * Field access is {@link Fields}, times are {@link Times}.
 */
public final class Json {

    /** Largest raw record accepted (bytes); larger ones are dead-lettered, not parsed. */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;
    /** Deepest nesting accepted in a record; hostile input nested deeper is rejected by the parser. */
    public static final int MAX_DEPTH = 200;
    /** Deepest nesting accepted in an export file (policy documents nest deeper than log records). */
    public static final int MAX_DOCUMENT_DEPTH = 500;

    /** The mapper of records: bounded depth and string length. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_RECORD_BYTES)
                    .build())
            .build());

    /** The mapper of whole export files (entitlement exports); also writes inventory records. */
    public static final ObjectMapper DOCUMENTS = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DOCUMENT_DEPTH).build())
            .build());

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DOCUMENT_DEPTH).build())
            .build());

    private Json() {}

    /** Parses one raw record (its first JSON value), turning every failure into a {@link RecordException}. */
    public static JsonNode parse(byte[] raw) throws RecordException {
        requireSize(raw);
        try {
            JsonNode node = MAPPER.readTree(raw);
            if (node == null || node.isMissingNode()) {
                throw new RecordException("empty record");
            }
            return node;
        } catch (IOException | RuntimeException e) {
            throw new RecordException("invalid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Every top-level JSON value of a raw input (usually exactly one; a whole NDJSON file handed over at once has
     * several), gunzipped first when it starts with the gzip magic bytes, bounded by {@link #MAX_RECORD_BYTES}
     * uncompressed.
     */
    public static List<JsonNode> parseValues(byte[] raw) throws RecordException {
        if (raw == null || raw.length == 0) {
            throw new RecordException("empty record");
        }
        byte[] data = isGzip(raw) ? gunzip(raw) : raw;
        requireSize(data);
        List<JsonNode> out = new ArrayList<>(1);
        try (JsonParser p = MAPPER.createParser(data)) {
            while (p.nextToken() != null) {
                JsonNode n = MAPPER.readTree(p);
                if (n != null && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new RecordException("invalid JSON: " + firstLine(e.getMessage()), e);
        }
        if (out.isEmpty()) {
            throw new RecordException("empty record");
        }
        return out;
    }

    /** One JSON export file. */
    public static JsonNode readFile(Path file) throws IOException {
        return DOCUMENTS.readTree(file.toFile());
    }

    /** One JSON export document given as text. */
    public static JsonNode readText(String text) throws IOException {
        return DOCUMENTS.readTree(text);
    }

    /**
     * All documents of an export file: JSON (one value, or several concatenated) when it starts with '{' or '[',
     * else YAML (multi-document with '---'). Empty documents are dropped.
     */
    public static List<JsonNode> readDocuments(Path file) throws IOException {
        return readDocuments(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** {@link #readDocuments(Path)} of a text. */
    public static List<JsonNode> readDocuments(String text) throws IOException {
        String t = text.stripLeading();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1).stripLeading();
        }
        ObjectMapper m = (t.startsWith("{") || t.startsWith("[")) ? DOCUMENTS : YAML;
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = m.getFactory().createParser(t);
             MappingIterator<JsonNode> it = m.readValues(p, JsonNode.class)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** The first line of an exception message, at most 300 characters: a reason fit for one log line. */
    public static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static void requireSize(byte[] raw) throws RecordException {
        if (raw == null || raw.length == 0) {
            throw new RecordException("empty record");
        }
        if (raw.length > MAX_RECORD_BYTES) {
            throw new RecordException("record of " + raw.length + " bytes exceeds the limit of " + MAX_RECORD_BYTES);
        }
        Utf8.require(raw); // strict: Jackson would decode overlong forms such as C0 AF as '/'
    }

    private static boolean isGzip(byte[] raw) {
        return raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
    }

    private static byte[] gunzip(byte[] raw) throws RecordException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(raw.length * 8L, 1 << 20));
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_RECORD_BYTES) {
                    throw new RecordException("gzipped record exceeds the limit of " + MAX_RECORD_BYTES
                            + " bytes uncompressed");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new RecordException("invalid gzip: " + firstLine(e.getMessage()), e);
        }
    }
}
