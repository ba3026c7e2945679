package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** The JSON shape of every answer that is not a result: {@code {"error": "...", "status": N}}. */
final class ApiErrors {
    private ApiErrors() {}

    static void error(Context ctx, int status, String message) {
        json(ctx, status, node(status, message));
    }

    static ObjectNode node(int status, String message) {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        n.put("error", message);
        n.put("status", status);
        return n;
    }

    static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
