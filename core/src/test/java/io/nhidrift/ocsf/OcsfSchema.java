package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The OCSF schema as its source files lay it out ({@code dictionary.json}, {@code categories.json},
 * {@code events/**}, {@code objects/*.json}, {@code profiles/*.json}), resolved the way the schema defines it:
 * a class or object has its parent's attributes ({@code extends}), then the attributes of the profiles it
 * {@code $include}s (marked with the profile's name), then its own, each merged key by key over the one
 * before; an attribute's final definition is that merged over the dictionary's entry for the name.
 *
 * <p>The build passes the schema directory as the system property {@code nhidrift.ocsf}
 * ({@code ../shared/ocsf/schema-1.8.0}); a test that needs it fails, never skips, when it is missing.
 */
public final class OcsfSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A class or object with its resolved attribute definitions and constraints. */
    public record Resolved(String name, String caption, Map<String, ObjectNode> attributes, JsonNode constraints) {}

    /** An event class: its resolved definition, class uid ({@code category_uid * 1000 + uid}) and category. */
    public record EventClass(Resolved resolved, int classUid, int categoryUid, String categoryCaption) {}

    private final Path root;
    private final ObjectNode dictionary;
    private final ObjectNode types;
    private final Map<String, ObjectNode> eventFiles = new HashMap<>();
    private final Map<String, ObjectNode> objectFiles = new HashMap<>();
    private final Map<String, Resolved> resolvedObjects = new HashMap<>();
    private final Map<Integer, EventClass> classes = new HashMap<>();

    private OcsfSchema(Path root) {
        this.root = root;
        ObjectNode dict = read(root.resolve("dictionary.json"));
        this.dictionary = (ObjectNode) dict.get("attributes");
        this.types = (ObjectNode) dict.get("types").get("attributes");
        try (Stream<Path> files = Files.walk(root.resolve("events"))) {
            files.filter(p -> p.toString().endsWith(".json")).forEach(p -> {
                ObjectNode n = read(p);
                eventFiles.put(n.get("name").asText(), n);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.list(root.resolve("objects"))) {
            files.filter(p -> p.toString().endsWith(".json")).forEach(p -> {
                ObjectNode n = read(p);
                objectFiles.put(n.get("name").asText(), n);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode categories = (ObjectNode) read(root.resolve("categories.json")).get("attributes");
        for (String name : eventFiles.keySet()) {
            ObjectNode file = eventFiles.get(name);
            String category = inheritedField(file, "category");
            if (file.has("uid") && category != null && categories.has(category)) {
                JsonNode cat = categories.get(category);
                int catUid = cat.get("uid").asInt();
                Resolved r = resolve(name, eventFiles);
                classes.put(catUid * 1000 + file.get("uid").asInt(), new EventClass(r, catUid * 1000 + file.get("uid").asInt(),
                        catUid, cat.get("caption").asText()));
            }
        }
    }

    /** The schema at the directory the build names ({@code nhidrift.ocsf}). */
    public static OcsfSchema fromBuild() {
        String p = System.getProperty("nhidrift.ocsf");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property nhidrift.ocsf is not set: run the tests through Maven "
                    + "(it points at ../shared/ocsf/schema-1.8.0) or pass -Dnhidrift.ocsf=DIR");
        }
        return at(Path.of(p));
    }

    public static OcsfSchema at(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("dictionary.json"))) {
            throw new IllegalStateException("no OCSF schema (dictionary.json) at " + root + " (nhidrift.ocsf)");
        }
        return new OcsfSchema(root);
    }

    /** The schema's version ({@code version.json}). */
    public String version() {
        return read(root.resolve("version.json")).get("version").asText();
    }

    public EventClass eventClass(int classUid) {
        return classes.get(classUid);
    }

    /** A resolved object type, or null when the schema defines none of that name. */
    public Resolved object(String name) {
        if (!objectFiles.containsKey(name)) {
            return null;
        }
        return resolvedObjects.computeIfAbsent(name, n -> resolve(n, objectFiles));
    }

    /** A data type of the dictionary ({@code string_t}, {@code ip_t}, ...), or null. */
    public JsonNode type(String name) {
        return types.get(name);
    }

    public boolean hasProfile(String name) {
        return Files.isRegularFile(root.resolve("profiles").resolve(name + ".json"));
    }

    private Resolved resolve(String name, Map<String, ObjectNode> files) {
        ObjectNode file = files.get(name);
        Map<String, ObjectNode> attrs = new LinkedHashMap<>();
        JsonNode constraints = file.get("constraints");
        String parent = file.path("extends").asText(null);
        if (parent != null && files.containsKey(parent)) {
            Resolved p = resolve(parent, files);
            p.attributes().forEach((k, v) -> attrs.put(k, v.deepCopy()));
            if (constraints == null) {
                constraints = p.constraints();
            }
        }
        ObjectNode own = (ObjectNode) file.get("attributes");
        for (JsonNode include : own.path("$include")) {
            ObjectNode profile = read(root.resolve(include.asText()));
            String profileName = profile.get("name").asText();
            profile.get("attributes").fields().forEachRemaining(e -> {
                ObjectNode def = ((ObjectNode) e.getValue()).deepCopy();
                if (!def.has("profile")) {
                    def.put("profile", profileName);
                }
                merge(attrs.computeIfAbsent(e.getKey(), k -> JSON.createObjectNode()), def);
            });
        }
        own.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("$include")) {
                merge(attrs.computeIfAbsent(e.getKey(), k -> JSON.createObjectNode()), (ObjectNode) e.getValue());
            }
        });
        Map<String, ObjectNode> finalDefs = new LinkedHashMap<>();
        attrs.forEach((k, v) -> {
            ObjectNode def = dictionary.has(k) ? ((ObjectNode) dictionary.get(k)).deepCopy() : JSON.createObjectNode();
            merge(def, v);
            finalDefs.put(k, def);
        });
        String caption = file.path("caption").asText(name);
        return new Resolved(name, caption, finalDefs, constraints);
    }

    private String inheritedField(ObjectNode file, String field) {
        ObjectNode f = file;
        while (f != null) {
            if (f.has(field)) {
                return f.get(field).asText();
            }
            f = eventFiles.get(f.path("extends").asText(""));
        }
        return null;
    }

    /** Merges {@code over} into {@code base} key by key; objects recursively, everything else replaced. */
    static void merge(ObjectNode base, ObjectNode over) {
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
                merge(eo, vo);
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static ObjectNode read(Path p) {
        try {
            return (ObjectNode) JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OCSF schema file " + p, e);
        }
    }
}
