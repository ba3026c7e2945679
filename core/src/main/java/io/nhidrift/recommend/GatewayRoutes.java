package io.nhidrift.recommend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The routes an API-gateway consumer should be allowed, as JSON: {@code {"credentialId", "routes": [{"method",
 * "path"}], "note"}}, from entries of the gateway action vocabulary {@code METHOD /path} ({@code *} in a path is a
 * wildcard, as in the inventory). Entries of another shape are kept whole with {@code method} {@code *}.
 */
public final class GatewayRoutes implements NativeRenderer {

    @Override
    public String render(Recommendation r) {
        ObjectNode n = Documents.JSON.createObjectNode();
        n.put("credentialId", r.credentialId());
        ArrayNode routes = n.putArray("routes");
        for (String e : r.entries()) {
            int space = e.indexOf(' ');
            ObjectNode route = routes.addObject();
            if (space > 0 && e.length() > space + 1) {
                route.put("method", e.substring(0, space).toUpperCase(java.util.Locale.ROOT));
                route.put("path", e.substring(space + 1));
            } else {
                route.put("method", "*");
                route.put("path", e);
            }
        }
        n.put("note", r.note());
        return Documents.json(n);
    }
}
