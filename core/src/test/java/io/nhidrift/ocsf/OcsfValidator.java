package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an OCSF event against {@link OcsfSchema}: the class from {@code class_uid}; every required attribute
 * present (profiles applied per {@code metadata.profiles}); no attribute the class or object does not define,
 * none of a profile the event does not declare, none deprecated, none null; each value of its dictionary type
 * (string, integer, long, float, boolean, JSON, object types recursively, with the types' regex, length and
 * range limits); enum ids defined, with their sibling caption matching; {@code at_least_one}/{@code just_one}
 * constraints; and the computed ids ({@code category_uid}, {@code class_uid}, {@code type_uid}) consistent.
 * Each problem is one message naming the JSON path.
 */
public final class OcsfValidator {

    private static final Set<String> COMPUTED = Set.of("category_uid", "class_uid", "type_uid", "category_name",
            "class_name", "type_name");
    private static final String DATETIME_SUFFIX = "_dt";

    private final OcsfSchema schema;

    public OcsfValidator(OcsfSchema schema) {
        this.schema = schema;
    }

    /** The problems with {@code event}; empty when it is valid. */
    public List<String> validate(JsonNode event) {
        List<String> errors = new ArrayList<>();
        if (!event.isObject()) {
            errors.add("$: an OCSF event is a JSON object, got " + event.getNodeType());
            return errors;
        }
        JsonNode classUid = event.get("class_uid");
        OcsfSchema.EventClass cls = classUid != null && classUid.canConvertToInt() ? schema.eventClass(classUid.asInt()) : null;
        if (cls == null) {
            errors.add("$.class_uid: " + classUid + " is not a class of OCSF " + schema.version());
            return errors;
        }
        Set<String> profiles = profiles(event, errors);
        checkObject(cls.resolved(), event, "$", profiles, true, errors);
        checkComputed(cls, (ObjectNode) event, errors);
        return errors;
    }

    private Set<String> profiles(JsonNode event, List<String> errors) {
        Set<String> out = new HashSet<>();
        for (JsonNode p : event.path("metadata").path("profiles")) {
            if (!schema.hasProfile(p.asText())) {
                errors.add("$.metadata.profiles: no profile '" + p.asText() + "' in OCSF " + schema.version());
            }
            out.add(p.asText());
        }
        return out;
    }

    private void checkComputed(OcsfSchema.EventClass cls, ObjectNode e, List<String> errors) {
        expect(e, "category_uid", cls.categoryUid(), errors);
        expect(e, "type_uid", cls.classUid() * 100L + e.path("activity_id").asLong(), errors);
        expectText(e, "class_name", cls.resolved().caption(), errors);
        expectText(e, "category_name", cls.categoryCaption(), errors);
        String activity = cls.resolved().attributes().get("activity_id").path("enum")
                .path(e.path("activity_id").asText()).path("caption").asText(null);
        if (activity != null) {
            expectText(e, "type_name", cls.resolved().caption() + ": " + activity, errors);
        }
    }

    private static void expect(ObjectNode e, String field, long value, List<String> errors) {
        if (e.has(field) && e.get(field).asLong() != value) {
            errors.add("$." + field + ": " + e.get(field) + ", the schema computes " + value);
        }
    }

    private static void expectText(ObjectNode e, String field, String value, List<String> errors) {
        if (e.has(field) && !e.get(field).asText().equals(value)) {
            errors.add("$." + field + ": \"" + e.get(field).asText() + "\", the schema's caption is \"" + value + "\"");
        }
    }

    private void checkObject(OcsfSchema.Resolved type, JsonNode node, String path, Set<String> profiles, boolean event,
            List<String> errors) {
        Map<String, ObjectNode> attrs = type.attributes();
        for (Map.Entry<String, ObjectNode> a : attrs.entrySet()) {
            String profile = profileOf(a.getValue());
            boolean applies = profile == null || profiles.contains(profile);
            if (applies && "required".equals(a.getValue().path("requirement").asText()) && !node.has(a.getKey())) {
                errors.add(path + ": required attribute '" + a.getKey() + "' of " + type.name() + " is missing");
            }
        }
        node.fields().forEachRemaining(f -> {
            String p = path + "." + f.getKey();
            ObjectNode def = attrs.get(f.getKey());
            if (def == null) {
                if (!isDatetimeSibling(f.getKey(), attrs, profiles, f.getValue(), p, errors)) {
                    errors.add(p + ": " + type.name() + " defines no attribute '" + f.getKey() + "'");
                }
                return;
            }
            String profile = profileOf(def);
            if (profile != null && !profiles.contains(profile)) {
                errors.add(p + ": attribute of profile '" + profile + "', which metadata.profiles does not declare");
            }
            if (def.has("@deprecated")) {
                errors.add(p + ": deprecated since " + def.get("@deprecated").path("since").asText() + ": "
                        + def.get("@deprecated").path("message").asText());
            }
            checkValue(def, f.getValue(), p, profiles, errors);
            if (!(event && COMPUTED.contains(f.getKey()))) {
                checkEnum(def, node, f.getKey(), f.getValue(), p, errors);
            }
        });
        checkConstraints(type, node, path, errors);
    }

    private boolean isDatetimeSibling(String name, Map<String, ObjectNode> attrs, Set<String> profiles, JsonNode value,
            String path, List<String> errors) {
        if (!profiles.contains("datetime") || !name.endsWith(DATETIME_SUFFIX)) {
            return false;
        }
        ObjectNode base = attrs.get(name.substring(0, name.length() - DATETIME_SUFFIX.length()));
        if (base == null || !"timestamp_t".equals(base.path("type").asText())) {
            return false;
        }
        new ValueTypes(schema).check("datetime_t", value, path, errors);
        return true;
    }

    private void checkValue(ObjectNode def, JsonNode value, String path, Set<String> profiles, List<String> errors) {
        if (value.isNull()) {
            errors.add(path + ": null; OCSF omits an attribute that has no value");
            return;
        }
        if (def.path("is_array").asBoolean(false)) {
            if (!value.isArray()) {
                errors.add(path + ": an array of " + def.path("type").asText() + " expected, got " + value.getNodeType());
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                checkSingle(def, value.get(i), path + "[" + i + "]", profiles, errors);
            }
        } else {
            checkSingle(def, value, path, profiles, errors);
        }
    }

    private void checkSingle(ObjectNode def, JsonNode value, String path, Set<String> profiles, List<String> errors) {
        String typeName = def.path("type").asText(null);
        if (typeName == null) {
            errors.add(path + ": the schema gives this attribute no type");
        } else if (value.isNull()) {
            errors.add(path + ": null; OCSF omits an attribute that has no value");
        } else if (schema.type(typeName) != null) {
            new ValueTypes(schema).check(typeName, value, path, errors);
        } else if (typeName.equals("object")) {
            if (!value.isObject()) {
                errors.add(path + ": a JSON object expected, got " + value.getNodeType());
            }
        } else if (schema.object(typeName) == null) {
            errors.add(path + ": the schema has no type or object '" + typeName + "'");
        } else if (!value.isObject()) {
            errors.add(path + ": a " + typeName + " object expected, got " + value.getNodeType());
        } else {
            checkObject(schema.object(typeName), value, path, profiles, false, errors);
        }
    }

    private static void checkEnum(ObjectNode def, JsonNode node, String name, JsonNode value, String path, List<String> errors) {
        JsonNode en = def.get("enum");
        if (en == null || !value.isValueNode()) {
            return;
        }
        String key = value.asText();
        if (!en.has(key)) {
            List<String> ids = new ArrayList<>();
            en.fieldNames().forEachRemaining(ids::add);
            errors.add(path + ": " + key + " is not one of the enum values " + ids);
            return;
        }
        String sibling = def.path("sibling").asText(null);
        if (sibling != null && node.has(sibling) && !key.equals("99")) {
            String caption = en.get(key).path("caption").asText();
            if (!node.get(sibling).asText().equals(caption)) {
                errors.add(path + ": " + name + " " + key + " is \"" + caption + "\" but " + sibling + " says \""
                        + node.get(sibling).asText() + "\"");
            }
        }
    }

    private static void checkConstraints(OcsfSchema.Resolved type, JsonNode node, String path, List<String> errors) {
        JsonNode c = type.constraints();
        if (c == null) {
            return;
        }
        List<String> atLeastOne = names(c.get("at_least_one"));
        if (!atLeastOne.isEmpty() && atLeastOne.stream().noneMatch(node::has)) {
            errors.add(path + ": " + type.name() + " needs at least one of " + atLeastOne);
        }
        List<String> justOne = names(c.get("just_one"));
        if (!justOne.isEmpty() && justOne.stream().filter(node::has).count() != 1) {
            errors.add(path + ": " + type.name() + " needs exactly one of " + justOne);
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String profileOf(ObjectNode def) {
        JsonNode p = def.get("profile");
        return p == null || p.isNull() ? null : p.asText();
    }

    /** The primitive data types of the dictionary, checked against their base type and limits. */
    static final class ValueTypes {
        private final OcsfSchema schema;

        ValueTypes(OcsfSchema schema) {
            this.schema = schema;
        }

        void check(String typeName, JsonNode value, String path, List<String> errors) {
            JsonNode t = schema.type(typeName);
            if (t == null) {
                errors.add(path + ": unknown data type " + typeName);
                return;
            }
            if (t.has("type")) {
                check(t.get("type").asText(), value, path, errors);
            } else if (!baseTypeHolds(typeName, value)) {
                errors.add(path + ": " + value + " is not a " + typeName);
                return;
            }
            if (t.has("regex") && value.isTextual() && !Pattern.compile(t.get("regex").asText()).matcher(value.asText()).matches()) {
                errors.add(path + ": \"" + value.asText() + "\" does not match the pattern of " + typeName);
            }
            if (t.has("max_len") && value.isTextual() && value.asText().length() > t.get("max_len").asInt()) {
                errors.add(path + ": longer than " + t.get("max_len").asInt() + " characters (" + typeName + ")");
            }
            JsonNode range = t.get("range");
            if (range != null && value.isNumber() && (value.asDouble() < range.get(0).asDouble() || value.asDouble() > range.get(1).asDouble())) {
                errors.add(path + ": " + value + " is outside " + range + " (" + typeName + ")");
            }
        }

        private static boolean baseTypeHolds(String base, JsonNode v) {
            return switch (base) {
                case "string_t" -> v.isTextual();
                case "integer_t" -> v.isIntegralNumber() && v.canConvertToInt();
                case "long_t" -> v.isIntegralNumber() && v.canConvertToLong();
                case "float_t" -> v.isNumber();
                case "boolean_t" -> v.isBoolean();
                case "json_t" -> !v.isNull() && !v.isMissingNode();
                default -> false;
            };
        }
    }
}
