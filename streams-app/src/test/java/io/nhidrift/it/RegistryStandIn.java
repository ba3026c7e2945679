package io.nhidrift.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * <b>Not a real schema registry:</b> a local HTTP server answering the few calls an Apicurio 2.6 Avro serializer and
 * deserializer and a Confluent-wire-format reader make, with the same paths and JSON shapes as Apicurio Registry 2.6:
 *
 * <ul>
 *   <li>{@code POST /apis/registry/v2/groups/{group}/artifacts} (the serializer's auto-registration; an identical
 *       schema gets the ids it already has): the artifact's metadata with {@code globalId} and {@code contentId};
 *   <li>{@code GET /apis/registry/v2/ids/contentIds/{id}} (the deserializer): the schema text;
 *   <li>{@code GET /apis/registry/v2/ids/contentIds/{id}/references}: none;
 *   <li>{@code GET /apis/ccompat/v7/schemas/ids/{id}} (Confluent's API): {@code {"schema": "…"}}, the id being the
 *       content id (Apicurio 2.x's default for its Confluent-compatible API).
 * </ul>
 * Any other request is answered 404 and remembered ({@link #unanswered()}), so a test sees a client asking for
 * something this stand-in does not know. A real Apicurio Registry could not be started here: see README, "Schema
 * registry".
 */
final class RegistryStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREATE = Pattern.compile("/apis/registry/v2/groups/([^/]+)/artifacts");
    private static final Pattern BY_CONTENT_ID = Pattern.compile("/apis/registry/v2/ids/contentIds/(\\d+)(/references)?");
    private static final Pattern CCOMPAT_BY_ID = Pattern.compile("/apis/ccompat/v7/schemas/ids/(\\d+)");

    private final HttpServer server;
    private final Map<String, Long> idByContent = new LinkedHashMap<>();
    private final Map<Long, String> contentById = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());

    RegistryStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    synchronized int schemas() {
        return contentById.size();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        requests.add(method + " " + path);
        try (x) {
            Matcher m;
            if (method.equals("POST") && (m = CREATE.matcher(path)).matches()) {
                String content = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                long id = register(content);
                String artifactId = x.getRequestHeaders().getFirst("X-Registry-ArtifactId");
                ObjectNode meta = JSON.createObjectNode().put("groupId", m.group(1)).put("id", artifactId).put("version", "1")
                        .put("type", "AVRO").put("state", "ENABLED").put("globalId", id).put("contentId", id);
                send(x, 200, "application/json", JSON.writeValueAsBytes(meta));
            } else if (method.equals("GET") && (m = BY_CONTENT_ID.matcher(path)).matches() && content(m.group(1)) != null) {
                byte[] body = m.group(2) != null ? "[]".getBytes(StandardCharsets.UTF_8)
                        : content(m.group(1)).getBytes(StandardCharsets.UTF_8);
                send(x, 200, "application/json", body);
            } else if (method.equals("GET") && (m = CCOMPAT_BY_ID.matcher(path)).matches() && content(m.group(1)) != null) {
                send(x, 200, "application/vnd.schemaregistry.v1+json",
                        JSON.writeValueAsBytes(JSON.createObjectNode().put("schema", content(m.group(1)))));
            } else {
                unanswered.add(method + " " + x.getRequestURI());
                send(x, 404, "application/json", "{\"error_code\":404,\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private synchronized long register(String content) {
        return idByContent.computeIfAbsent(content, c -> {
            long id = contentById.size() + 1L;
            contentById.put(id, c);
            return id;
        });
    }

    private synchronized String content(String id) {
        return contentById.get(Long.parseLong(id));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
