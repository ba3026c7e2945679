package io.nhidrift.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3 document of the query API, built with the swagger-core model from the {@link RouteTable} the
 * server registers from, so a route cannot be served undocumented or documented unserved.
 */
final class OpenApiDocument {

    static final String BEARER = "bearer";

    private OpenApiDocument() {}

    static OpenAPI build(List<ApiRoute> routes) {
        OpenAPI api = new OpenAPI()
                .info(new Info().title("nhi-drift query API").version("v1")
                        .description("Per-credential state of nhi-drift (granted versus used, status, risk, least-privilege"
                                + " recommendation), cluster-wide listing and fleet summary. Every answer is JSON,"
                                + " errors included: {\"error\": \"...\", \"status\": N}. Times are ISO-8601 UTC."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer <token>; tokens carry a role (read, triage)."))
                        .addSchemas("Error", new ObjectSchema()
                                .addProperty("error", new StringSchema())
                                .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())));
        Paths paths = new Paths();
        for (ApiRoute r : routes) {
            PathItem item = paths.computeIfAbsent(r.openApiPath(), p -> new PathItem());
            item.operation(PathItem.HttpMethod.valueOf(r.method().name()), operation(r));
        }
        return api.paths(paths);
    }

    static String json(List<ApiRoute> routes) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(build(routes));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Operation operation(ApiRoute r) {
        Operation op = new Operation().summary(r.summary()).description(r.description()).addTagsItem(r.tag())
                .operationId(r.method().name().toLowerCase(java.util.Locale.ROOT) + operationName(r.openApiPath()));
        for (ApiRoute.Param p : r.params()) {
            Schema<String> schema = new StringSchema();
            if (!p.allowed().isEmpty()) {
                schema.setEnum(p.allowed());
            }
            op.addParametersItem(new Parameter().name(p.name()).in(p.inPath() ? "path" : "query").required(p.required())
                    .description(p.description()).schema(schema));
        }
        Content ok = new Content();
        r.produces().forEach(m -> ok.addMediaType(m, new MediaType().schema(answerSchema(r, m))));
        ApiResponses responses = new ApiResponses().addApiResponse("200", new ApiResponse().description("OK").content(ok));
        for (Map.Entry<String, String> e : errors(r).entrySet()) {
            responses.addApiResponse(e.getKey(), new ApiResponse().description(e.getValue()).content(new Content()
                    .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Error")))));
        }
        op.responses(responses);
        if (r.role() != null) {
            op.addSecurityItem(new SecurityRequirement().addList(BEARER, r.role().label()));
        }
        return op;
    }

    /** The answer's object, its fields itemized when the route names them (JSON answers only). */
    private static Schema<?> answerSchema(ApiRoute r, String mediaType) {
        ObjectSchema schema = new ObjectSchema();
        if (mediaType.equals("application/json")) {
            r.answer().forEach((name, meaning) -> schema.addProperty(name, new Schema<>().description(meaning)));
        }
        return schema;
    }

    private static Map<String, String> errors(ApiRoute r) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (!r.params().isEmpty()) {
            out.put("400", "A malformed or unknown parameter, or a value out of range");
        }
        if (r.role() != null) {
            out.put("401", "Missing or unknown bearer token");
            out.put("403", "The token's role may not call this route");
        }
        if (r.path().contains("<id>")) {
            out.put("404", "Unknown credential");
        }
        out.put("503", "Not queryable right now (starting, rebalancing); retry after Retry-After seconds");
        return out;
    }

    private static String operationName(String path) {
        StringBuilder b = new StringBuilder();
        for (String part : path.split("[/{}.\\-]+")) {
            if (!part.isEmpty() && !part.equals("api") && !part.equals("v1")) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
