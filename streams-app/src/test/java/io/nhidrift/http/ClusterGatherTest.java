package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.review.CredentialStatus;
import io.nhidrift.triage.AlertPage;
import io.nhidrift.testing.UnitTest;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * A cluster-wide list (credentials or alerts) or summary whose peers do not all answer says so: {@code "partial": true}, each missing
 * instance under {@code failures} with why (unreachable, timeout, an error status), {@code instances} counting them
 * all, and the parts that did arrive, this instance's first, still in the answer.
 */
@UnitTest
class ClusterGatherTest {

    private static final Duration WAIT = Duration.ofMillis(200);
    private static final HostInfo ANSWERS = new HostInfo("10.0.0.1", 8080);
    private static final HostInfo REFUSES = new HostInfo("10.0.0.2", 8080);
    private static final HostInfo SILENT = new HostInfo("10.0.0.3", 8080);
    private static final HostInfo MIGRATING = new HostInfo("10.0.0.4", 8080);

    private final CompletableFuture<PeerForwarder.Relayed> silent = new CompletableFuture<>();

    private static CredentialRow row(String id, int risk) {
        return new CredentialRow(id, "api_key", "owner", null, CredentialStatus.ACTIVE, null, risk, 0.5, 2, 1, 0, List.of("kong"));
    }

    private static PeerForwarder.Relayed ok(JsonNode body) {
        return new PeerForwarder.Relayed(200, "application/json", body.toString(), null);
    }

    /** Four peers: one answers {@code answer}, one refuses, one never answers, one answers 503. */
    private ClusterGather gather(JsonNode answer) {
        return new ClusterGather(() -> List.of(ANSWERS, REFUSES, SILENT, MIGRATING), (peer, target, auth) -> {
            if (peer.equals(ANSWERS)) {
                return CompletableFuture.completedFuture(ok(answer));
            }
            if (peer.equals(REFUSES)) {
                return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
            }
            if (peer.equals(SILENT)) {
                return silent;
            }
            return CompletableFuture.completedFuture(new PeerForwarder.Relayed(503, "application/json",
                    "{\"error\":\"not queryable here now\",\"status\":503,\"reason\":\"Kafka Streams is REBALANCING\"}", null));
        }, WAIT);
    }

    private static void assertPartial(JsonNode answer) {
        assertTrue(answer.path("partial").asBoolean(false), answer.toString());
        assertEquals(5, answer.path("instances").asInt(), "every instance owning partitions, this one included");
        JsonNode failures = answer.path("failures");
        assertEquals(3, failures.size(), failures.toString());
        assertEquals("did not answer (unreachable)", failures.path("10.0.0.2:8080").asText());
        assertEquals("did not answer (timeout)", failures.path("10.0.0.3:8080").asText());
        assertEquals("answered 503: not queryable here now (Kafka Streams is REBALANCING)", failures.path("10.0.0.4:8080").asText());
        assertFalse(failures.has("10.0.0.1:8080"));
    }

    @Test
    void aListWithPeersThatDoNotAnswerIsPartialAndKeepsWhatArrived() {
        ListQuery q = ListQuery.from(Map.of("sort", "risk"));
        Page peerPage = new Page(List.of(new Page.Listed(row("peer-row", 7), new Position(7.0, "peer-row"))), null, 1_000L);
        Page localPage = new Page(List.of(new Page.Listed(row("local-row", 9), new Position(9.0, "local-row"))), null, 2_000L);

        long start = System.nanoTime();
        ClusterGather.Gathered<Page> g = gather(CredentialListRoutes.pageJson(peerPage, q, "instance"))
                .gather("/api/v1/credentials?sort=risk", "Bearer t", () -> localPage, body -> CredentialListRoutes.parsePage(body, q));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0, "bounded by the wait");
        ObjectNode answer = CredentialListRoutes.clusterJson(g, q);

        assertPartial(answer);
        List<String> ids = new ArrayList<>();
        answer.path("credentials").forEach(r -> ids.add(r.path("credentialId").asText()));
        assertEquals(List.of("local-row", "peer-row"), ids, "this instance's part and the part that arrived, merged");
        assertEquals("1970-01-01T00:00:01Z", answer.path("rankedAt").asText(), "the oldest index of the parts");
        assertTrue(silent.isCancelled(), "the request nobody waits for any more is cancelled");
    }

    @Test
    void aSummaryWithPeersThatDoNotAnswerIsPartialAndCountsWhatArrived() {
        FleetSummary peer = new FleetSummary();
        peer.add(row("peer-1", 3));
        peer.add(row("peer-2", 4));
        FleetSummary local = new FleetSummary();
        local.add(row("local-1", 5));
        ObjectNode answer = SummaryRoutes.clusterJson(gather(peer.toJson()).gather("/api/v1/summary", null, () -> local,
                FleetSummary::fromJson));

        assertPartial(answer);
        assertEquals(3, answer.path("credentials").asInt(), "this instance's credential and the two that arrived");
        assertEquals("local-1", answer.path("topRisk").get(0).path("credentialId").asText());
    }

    @Test
    void anAlertListWithPeersThatDoNotAnswerIsPartialAndKeepsWhatArrivedNewestFirst() {
        ObjectNode peerAnswer = CredentialView.MAPPER.createObjectNode();
        peerAnswer.putArray("alerts").add(alert("peer-alert", "2026-03-02T00:00:00Z"));
        peerAnswer.putNull("next");
        AlertPage<ObjectNode> localPage = new AlertPage<>(List.of(alert("local-alert", "2026-03-01T00:00:00Z")), null);
        ObjectNode answer = AlertRoutes.clusterJson(gather(peerAnswer).gather("/api/v1/alerts", "Bearer t", () -> localPage,
                AlertRoutes::parsePage), 50);

        assertPartial(answer);
        List<String> ids = new ArrayList<>();
        answer.path("alerts").forEach(a -> ids.add(a.path("alertId").asText()));
        assertEquals(List.of("peer-alert", "local-alert"), ids, "both parts, newest first");
    }

    private static ObjectNode alert(String id, String eventTime) {
        ObjectNode a = CredentialView.MAPPER.createObjectNode();
        a.put("alertId", id);
        a.put("eventTime", eventTime);
        a.put("status", "open");
        return a;
    }

    @Test
    void whenEveryPeerAnswersTheAnswerIsComplete() {
        FleetSummary peer = new FleetSummary();
        peer.add(row("peer-1", 3));
        ClusterGather all = new ClusterGather(() -> List.of(ANSWERS),
                (p, target, auth) -> CompletableFuture.completedFuture(ok(peer.toJson())), WAIT);
        ObjectNode answer = SummaryRoutes.clusterJson(all.gather("/api/v1/summary", null, FleetSummary::new, FleetSummary::fromJson));
        assertFalse(answer.path("partial").asBoolean(true));
        assertEquals(0, answer.path("failures").size());
        assertEquals(2, answer.path("instances").asInt());
        assertEquals(1, answer.path("credentials").asInt());
    }

    @Test
    void theRealForwarderReportsASilentPeerAsTimeoutAndAClosedPortAsUnreachable() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            closedPort = s.getLocalPort();
        }
        try (ServerSocket silentPeer = new ServerSocket(0, 50, loopback)) { // accepts connections, never answers
            PeerForwarder forwarder = new PeerForwarder(null, Duration.ofMillis(300));
            HostInfo quiet = new HostInfo(loopback.getHostAddress(), silentPeer.getLocalPort());
            HostInfo closed = new HostInfo(loopback.getHostAddress(), closedPort);
            ClusterGather g = new ClusterGather(() -> List.of(quiet, closed), forwarder::forwardAsync,
                    forwarder.timeout().plusSeconds(1));
            FleetSummary local = new FleetSummary();
            local.add(row("local-1", 5));
            ObjectNode answer = SummaryRoutes.clusterJson(g.gather("/api/v1/summary", null, () -> local, FleetSummary::fromJson));

            assertTrue(answer.path("partial").asBoolean(false), answer.toString());
            assertEquals("did not answer (timeout)", answer.path("failures").path(quiet.host() + ":" + quiet.port()).asText(),
                    answer.toString());
            assertEquals("did not answer (unreachable)", answer.path("failures").path(closed.host() + ":" + closed.port()).asText(),
                    answer.toString());
            assertEquals(1, answer.path("credentials").asInt(), "this instance's part is still there");
            assertEquals(3, answer.path("instances").asInt());
        }
    }
}
