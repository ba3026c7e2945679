package io.nhidrift.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The edge of the query API: credential ids and query parameters are decoded from the raw request
 * strictly, and checked for length and characters, before any lookup. A malformed percent-encoding,
 * an id that is too long or holds control characters, an unknown or repeated parameter, or a limit out
 * of range is a JSON 400 naming the problem, never ignored.
 */
final class RequestParams {
    private RequestParams() {}

    static final String CREDENTIALS = "/api/v1/credentials";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** Longest credential id accepted (IAM role ARNs with a path stay well below). */
    static final int MAX_ID_LENGTH = 2048;

    /**
     * The id after {@code /api/v1/credentials/}, percent-decoded from the raw request URI: {@code %2F}
     * and {@code %3A} become {@code /} and {@code :}, and a literal {@code +} stays a plus (ARNs may hold one).
     */
    static String idFromPath(Context ctx) {
        return idFromPath(ctx, "");
    }

    /** As {@link #idFromPath(Context)} for a route {@code /api/v1/credentials/<id><suffix>}: the suffix is cut off. */
    static String idFromPath(Context ctx, String suffix) {
        String raw = ctx.req().getRequestURI();
        int at = raw.indexOf(CREDENTIALS + "/");
        String encoded = at < 0 ? ctx.pathParam("id") : raw.substring(at + CREDENTIALS.length() + 1);
        if (at >= 0 && !suffix.isEmpty() && encoded.endsWith(suffix)) {
            encoded = encoded.substring(0, encoded.length() - suffix.length());
        }
        return checkedId(decode(encoded.replace("+", "%2B"), "credential id"));
    }

    /** The query parameters, decoded strictly; a name not in {@code allowed} is a 400 listing the allowed ones. */
    static Map<String, String> query(Context ctx, java.util.List<String> allowed) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = ctx.queryString();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query parameter name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "query parameter '" + name + "'");
            if (!allowed.contains(name)) {
                throw new BadRequestResponse("unknown query parameter '" + clip(name) + "': expected "
                        + (allowed.isEmpty() ? "none" : "one of " + String.join(", ", allowed)));
            }
            if (params.put(name, value) != null) {
                throw new BadRequestResponse("query parameter '" + name + "' given twice");
            }
        }
        if (params.containsKey("id")) {
            params.put("id", checkedId(params.get("id")));
        }
        if (params.containsKey("after") && !params.get("after").isEmpty()) {
            params.put("after", checkedId(params.get("after")));
        }
        return params;
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1 && v <= MAX_LIMIT) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadRequestResponse("invalid limit '" + clip(value) + "': expected a whole number from 1 to " + MAX_LIMIT);
    }

    static String checkedId(String id) {
        if (id.length() > MAX_ID_LENGTH) {
            throw new BadRequestResponse("credential id too long: " + id.length() + " characters, at most " + MAX_ID_LENGTH);
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new BadRequestResponse("credential id holds a control character at position " + i);
            }
        }
        return id;
    }

    /** Percent-decodes strictly (UTF-8 only): a 400 naming {@code what} otherwise. */
    static String decode(String encoded, String what) {
        try {
            String s = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') >= 0 && encoded.indexOf('\uFFFD') < 0) {
                throw new IllegalArgumentException("not UTF-8");
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("malformed " + what + ": invalid percent-encoding or not UTF-8");
        }
    }

    static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
