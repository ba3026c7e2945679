package io.nhidrift.http;

import io.javalin.http.BadRequestResponse;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Severity;
import io.nhidrift.triage.AlertFilter;
import io.nhidrift.triage.AlertPosition;
import io.nhidrift.triage.AlertStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The query string of {@code GET /api/v1/alerts} ({@code credential, type, severity, since, until, status, owner,
 * limit, cursor}), decoded and checked strictly: an unknown or repeated parameter, a value that is not one of the
 * allowed ones, a bad instant, limit or cursor is a JSON 400 naming it.
 */
record AlertQuery(AlertFilter filter, AlertPosition after, int limit) {

    private static final Set<String> PARAMS = Set.of("credential", "type", "severity", "since", "until", "status", "owner",
            "limit", "cursor");

    static AlertQuery parse(String rawQuery) {
        Map<String, String> p = parameters(rawQuery);
        String type = p.get("type");
        if (type != null && Arrays.stream(AlertType.values()).noneMatch(t -> t.name().equals(type))) {
            throw new BadRequestResponse("invalid type '" + clip(type) + "': expected one of " + Arrays.toString(AlertType.values()));
        }
        String severity = p.get("severity");
        if (severity != null && Arrays.stream(Severity.values()).noneMatch(s -> s.name().equals(severity))) {
            throw new BadRequestResponse("invalid severity '" + clip(severity) + "': expected one of " + Arrays.toString(Severity.values()));
        }
        String status = p.get("status");
        if (status != null && !AlertStatus.ALL.contains(status)) {
            throw new BadRequestResponse("invalid status '" + clip(status) + "': expected one of " + AlertStatus.ALL);
        }
        String credential = p.get("credential");
        if (credential != null) {
            credential = RequestParams.checkedId(credential);
        }
        AlertPosition after = null;
        if (p.get("cursor") != null) {
            try {
                after = AlertPosition.fromCursor(p.get("cursor"));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
        }
        AlertFilter filter = new AlertFilter(credential, type, severity, instant(p, "since"), instant(p, "until"), status,
                p.get("owner"));
        return new AlertQuery(filter, after, RequestParams.limit(p.get("limit")));
    }

    private static Long instant(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("invalid " + name + " '" + clip(v) + "': expected an ISO-8601 UTC instant, e.g. 2026-12-01T00:00:00Z");
        }
    }

    private static Map<String, String> parameters(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = RequestParams.decode(eq < 0 ? pair : pair.substring(0, eq), "query parameter name");
            String value = eq < 0 ? "" : RequestParams.decode(pair.substring(eq + 1), "query parameter '" + clip(name) + "'");
            if (!PARAMS.contains(name)) {
                throw new BadRequestResponse("unknown query parameter '" + clip(name) + "': expected some of "
                        + new java.util.TreeSet<>(PARAMS));
            }
            if (params.containsKey(name)) {
                throw new BadRequestResponse("query parameter '" + name + "' given twice");
            }
            if (!value.isEmpty()) {
                params.put(name, value);
            } else {
                params.put(name, null);
            }
        }
        params.values().removeIf(java.util.Objects::isNull);
        return params;
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
