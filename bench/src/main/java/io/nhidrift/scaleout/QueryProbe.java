package io.nhidrift.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Asks an instance's query API for a credential: answered means 200 with that credential's state (inventoried or not). */
public final class QueryProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private QueryProbe() {
    }

    public static boolean answers(int port, String credentialId) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/credentials?id="
                    + URLEncoder.encode(credentialId, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode n = JSON.readTree(r.body());
            return credentialId.equals(n.path("credentialId").asText()) && n.has("firstSeen");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The credentials of {@code ids} that {@code port} does not answer (yet). */
    public static Set<String> unanswered(int port, Collection<String> ids) {
        Set<String> missing = new LinkedHashSet<>();
        for (String id : ids) {
            if (!answers(port, id)) {
                missing.add(id);
            }
        }
        return missing;
    }

    /**
     * Waits until every instance of {@code ports} answers every credential of {@code ids}; returns the milliseconds it
     * took, or throws naming what is still unanswered when {@code max} passes.
     */
    public static long awaitAnswered(Collection<Integer> ports, Collection<String> ids, Duration max) {
        long t0 = System.nanoTime();
        long deadline = t0 + max.toNanos();
        Set<String> missing = Set.of();
        while (System.nanoTime() < deadline) {
            missing = new LinkedHashSet<>();
            for (int port : ports) {
                for (String id : unanswered(port, ids)) {
                    missing.add(port + ":" + id);
                }
            }
            if (missing.isEmpty()) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            pause(50);
        }
        throw new IllegalStateException("not answered within " + max + ": " + missing);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis); // poll interval of a deadline-bounded wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
