package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.avro.Alert;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * The optional alert fields other work adds to {@code Alert.avsc} ({@code team}, {@code contact},
 * {@code ownerless}, {@code riskScore}, {@code riskFactors}), read by name: from the Avro record when its
 * schema has the field, else from the same key at the top of the evidence. Absent, null or mistyped values
 * read as absent, so the mapper works before and after those fields exist.
 */
record AlertExtras(String team, String contact, Boolean ownerless, Integer riskScore, List<Factor> riskFactors) {

    /** One risk factor: its name, the points it adds, and a detail line. */
    record Factor(String name, Integer points, String detail) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static AlertExtras of(Alert alert, JsonNode evidence) {
        return new AlertExtras(
                text(value(alert, evidence, "team")),
                text(value(alert, evidence, "contact")),
                bool(value(alert, evidence, "ownerless")),
                score(value(alert, evidence, "riskScore")),
                factors(value(alert, evidence, "riskFactors")));
    }

    private static JsonNode value(Alert alert, JsonNode evidence, String name) {
        Schema.Field field = alert.getSchema().getField(name);
        if (field != null) {
            return avroValue(alert.get(field.pos()));
        }
        JsonNode v = evidence == null ? null : evidence.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private static JsonNode avroValue(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean) {
            return JSON.valueToTree(v instanceof CharSequence cs ? cs.toString() : v);
        }
        try {
            return JSON.readTree(GenericData.get().toString(v));
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode v) {
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static Boolean bool(JsonNode v) {
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    private static Integer score(JsonNode v) {
        return v != null && v.isNumber() ? Math.max(0, Math.min(100, (int) Math.round(v.doubleValue()))) : null;
    }

    private static List<Factor> factors(JsonNode v) {
        List<Factor> out = new ArrayList<>();
        if (v == null || !v.isArray()) {
            return out;
        }
        for (JsonNode f : v) {
            if (f.isTextual()) {
                out.add(new Factor(f.asText(), null, null));
            } else if (f.isObject() && f.path("name").isTextual()) {
                JsonNode points = f.get("points");
                out.add(new Factor(f.get("name").asText(), points != null && points.isNumber() ? points.intValue() : null,
                        f.path("detail").isTextual() ? f.get("detail").asText() : null));
            }
        }
        return out;
    }
}
