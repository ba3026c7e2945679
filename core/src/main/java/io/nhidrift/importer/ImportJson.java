package io.nhidrift.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Parsing helpers shared by the entitlement importers. */
final class ImportJson {

    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(500).build())
            .build());
    static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(500).build())
            .build());

    private ImportJson() {}

    static JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static JsonNode readJson(String text) throws IOException {
        return JSON.readTree(text);
    }

    /**
     * All documents of a file: JSON (one value, or several concatenated) when it starts with '{' or '[',
     * else YAML (multi-document with '---'). Empty documents are dropped.
     */
    static List<JsonNode> readDocuments(Path file) throws IOException {
        return readDocuments(Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<JsonNode> readDocuments(String text) throws IOException {
        String t = text.stripLeading();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1).stripLeading();
        }
        ObjectMapper m = (t.startsWith("{") || t.startsWith("[")) ? JSON : YAML;
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

    static String text(JsonNode n, String field) {
        if (n == null) {
            return null;
        }
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** A string or a list of strings as a list; null/absent as empty. */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> {
                if (e != null && !e.isNull() && !e.isContainerNode()) {
                    out.add(e.asText());
                }
            });
        } else if (!n.isContainerNode()) {
            out.add(n.asText());
        }
        return out;
    }

    /** A value that may be an object or a list of objects, as a list. */
    static List<JsonNode> objects(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> {
                if (e != null && e.isObject()) {
                    out.add(e);
                }
            });
        } else if (n.isObject()) {
            out.add(n);
        }
        return out;
    }

    private static final DateTimeFormatter SPACE_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]XXX");
    private static final DateTimeFormatter SPACE_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

    /**
     * Timestamps of the AWS CLI/SDK dumps: ISO-8601 with Z or an offset ({@code 2019-01-24T19:20:51Z},
     * {@code 2021-03-13T18:40:54+00:00}) and Python {@code str(datetime)} ({@code 2023-03-09 10:41:45+00:00}).
     * Unparseable or absent: null.
     */
    static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String v = s.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(v, SPACE_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(v, SPACE_LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
