package io.nhidrift.http;

import java.util.List;
import java.util.function.Supplier;

/** {@code GET /api/v1/openapi.json}: the OpenAPI 3 document of the routes the server registered ({@link OpenApiDocument}). */
final class OpenApiRoutes implements RouteTable.Group {

    static final String PATH = "/api/v1/openapi.json";

    private final Supplier<List<ApiRoute>> routes;

    OpenApiRoutes(Supplier<List<ApiRoute>> routes) {
        this.routes = routes;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get(PATH, Role.READ, "meta", "This document",
                "The OpenAPI 3 description of the query API, generated from the server's route table.", List.of(),
                ctx -> ctx.status(200).contentType("application/json").result(OpenApiDocument.json(routes.get()))));
    }
}
