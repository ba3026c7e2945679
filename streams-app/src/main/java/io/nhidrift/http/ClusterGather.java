package io.nhidrift.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.nhidrift.topology.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scatter-gather for cluster-wide answers: the instances that own partitions of the credential stores are found in
 * Kafka Streams metadata ({@code streamsMetadataForStore}); every other instance is asked the same request at once
 * (marked {@link PeerForwarder#HEADER}, the caller's {@code Authorization} relayed) and answers its own part only;
 * this instance computes its part meanwhile. A peer that fails or does not answer within the forwarding timeout
 * is reported, never hidden: the answer is then {@code partial}.
 */
final class ClusterGather {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterGather.class);

    /** The parts gathered: this instance's first, then every peer that answered; the peers that did not, with why. */
    record Gathered<T>(List<T> parts, Map<String, String> failures, int instances) {
        boolean partial() {
            return !failures.isEmpty();
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final PeerForwarder forwarder;

    ClusterGather(KafkaStreams streams, HostInfo self, PeerForwarder forwarder) {
        this.streams = streams;
        this.self = self;
        this.forwarder = forwarder;
    }

    /** Whether this request is a peer's: then only this instance's part is answered. */
    static boolean fromPeer(Context ctx) {
        return ctx.header(PeerForwarder.HEADER) != null;
    }

    <T> Gathered<T> gather(Context ctx, Supplier<T> local, Function<JsonNode, T> parse) {
        Set<HostInfo> peers = new LinkedHashSet<>();
        for (StreamsMetadata md : streams.streamsMetadataForStore(Names.CREDENTIAL_STATE_STORE)) {
            if (!md.hostInfo().equals(self)) {
                peers.add(md.hostInfo());
            }
        }
        String target = ctx.req().getRequestURI() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        Map<HostInfo, CompletableFuture<PeerForwarder.Relayed>> asked = new LinkedHashMap<>();
        for (HostInfo peer : peers) {
            asked.put(peer, forwarder.forwardAsync(peer, target, ctx.header("Authorization")));
        }
        List<T> parts = new ArrayList<>();
        parts.add(local.get());
        Map<String, String> failures = new LinkedHashMap<>();
        for (Map.Entry<HostInfo, CompletableFuture<PeerForwarder.Relayed>> e : asked.entrySet()) {
            String name = e.getKey().host() + ":" + e.getKey().port();
            try {
                PeerForwarder.Relayed r = e.getValue().get(PeerForwarder.TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                JsonNode body = CredentialView.MAPPER.readTree(r.body());
                if (r.status() == 200) {
                    parts.add(parse.apply(body));
                } else {
                    failures.put(name, "answered " + r.status() + ": " + body.path("error").asText("")
                            + (body.has("reason") ? " (" + body.path("reason").asText() + ")" : ""));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failures.put(name, "interrupted while waiting for its answer");
            } catch (ExecutionException | TimeoutException | java.io.IOException | RuntimeException ex) {
                LOG.warn("Query API: instance {} did not answer {}: {}", name, ctx.path(), ex.toString());
                failures.put(name, "did not answer (" + (ex instanceof TimeoutException ? "timeout" : "unreachable") + ")");
            }
        }
        return new Gathered<>(parts, failures, peers.size() + 1);
    }
}
