package io.nhidrift.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * One endpoint of the query API: what the server registers and what {@code /api/v1/openapi.json} documents, from
 * the same value (single source). {@code path} uses Javalin's syntax ({@code <id>} = a parameter that may hold
 * {@code /}); the document shows it as {@code {id}}.
 *
 * @param role the bearer role required, or null for an open route
 * @param produces the media types of a successful answer
 * @param answer the top-level fields of a successful JSON answer with what each means, in order (empty = not itemized)
 */
public record ApiRoute(HandlerType method, String path, Role role, String tag, String summary, String description,
        List<Param> params, List<String> produces, Handler handler, java.util.Map<String, String> answer) {

    /** A route whose answer's fields are not itemized. */
    public ApiRoute(HandlerType method, String path, Role role, String tag, String summary, String description,
            List<Param> params, List<String> produces, Handler handler) {
        this(method, path, role, tag, summary, description, params, produces, handler, java.util.Map.of());
    }

    /** A path or query parameter of a route, as documented. */
    public record Param(String name, boolean inPath, boolean required, String description, List<String> allowed) {

        public static Param path(String name, String description) {
            return new Param(name, true, true, description, List.of());
        }

        public static Param query(String name, String description, String... allowed) {
            return new Param(name, false, false, description, List.of(allowed));
        }
    }

    /** A {@code GET} route answering JSON. */
    public static ApiRoute get(String path, Role role, String tag, String summary, String description, List<Param> params,
            Handler handler) {
        return new ApiRoute(HandlerType.GET, path, role, tag, summary, description, params, List.of("application/json"), handler);
    }

    /** The same route answering other media types too. */
    public ApiRoute producing(String... mediaTypes) {
        return new ApiRoute(method, path, role, tag, summary, description, params, List.of(mediaTypes), handler, answer);
    }

    /** The same route with the fields of its JSON answer documented (name to meaning, kept in order). */
    public ApiRoute answering(java.util.Map<String, String> fields) {
        return new ApiRoute(method, path, role, tag, summary, description, params, produces, handler,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields)));
    }

    /** The path in OpenAPI's template syntax: {@code <id>} and {@code {id}} become {@code {id}}. */
    public String openApiPath() {
        return openApiPath(path);
    }

    public static String openApiPath(String javalinPath) {
        return javalinPath.replace('<', '{').replace('>', '}');
    }
}
