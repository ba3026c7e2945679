package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.avro.Alert;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner and risk fields of an alert ({@code team}, {@code contact}, {@code ownerless}, {@code riskScore},
 * {@code riskFactorsJson} of {@code Alert.avsc}). Absent, blank or malformed values read as absent.
 */
record AlertExtras(String team, String contact, Boolean ownerless, Integer riskScore, List<Factor> riskFactors) {

    /** One risk factor: its name, the points it adds, and a detail line. */
    record Factor(String name, Integer points, String detail) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static AlertExtras of(Alert alert) {
        return new AlertExtras(
                text(alert.getTeam()),
                text(alert.getContact()),
                alert.getOwnerless(),
                score(alert.getRiskScore()),
                factors(parse(alert.getRiskFactorsJson())));
    }

    private static String text(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    private static Integer score(Integer v) {
        return v == null ? null : Math.max(0, Math.min(100, v));
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
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
