package io.nhidrift.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.nhidrift.topology.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * this instance computes its part meanwhile. A peer that fails, answers another status than 200 or does not answer
 * within the wait (the forwarding timeout + 1 s) is reported, never hidden: the answer is then {@code partial}
 * ({@link #describe}).
 */
final class ClusterGather {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterGather.class);

    /** The parts gathered: this instance's first, then every peer that answered; the peers that did not, with why. */
    record Gathered<T>(List<T> parts, Map<String, String> failures, int instances) {
        boolean partial() {
            return !failures.isEmpty();
        }
    }

    /** How a request is relayed to a peer ({@link PeerForwarder#forwardAsync} in the service). */
    interface Relay {
        CompletableFuture<PeerForwarder.Relayed> ask(HostInfo peer, String rawPathAndQuery, String authorization);
    }

    private final Supplier<Collection<HostInfo>> peers;
    private final Relay relay;
    private final Duration wait;

    /**
     * @param peers the other instances owning partitions of the credential stores, now
     * @param wait how long to wait for a peer's answer once this instance's part is done
     */
    ClusterGather(Supplier<Collection<HostInfo>> peers, Relay relay, Duration wait) {
        this.peers = peers;
        this.relay = relay;
        this.wait = wait;
    }

    /** The service's: peers from Kafka Streams metadata, asked through {@code forwarder}. */
    static ClusterGather of(KafkaStreams streams, HostInfo self, PeerForwarder forwarder) {
        return of(streams, self, forwarder, Names.CREDENTIAL_STATE_STORE);
    }

    /** As {@link #of(KafkaStreams, HostInfo, PeerForwarder)}, the peers being the hosts of {@code store}. */
    static ClusterGather of(KafkaStreams streams, HostInfo self, PeerForwarder forwarder, String store) {
        return new ClusterGather(() -> {
            Set<HostInfo> out = new LinkedHashSet<>();
            for (StreamsMetadata md : streams.streamsMetadataForStore(store)) {
                if (!md.hostInfo().equals(self)) {
                    out.add(md.hostInfo());
                }
            }
            return out;
        }, forwarder::forwardAsync, forwarder.timeout().plusSeconds(1));
    }

    /** Whether this request is a peer's: then only this instance's part is answered. */
    static boolean fromPeer(Context ctx) {
        return ctx.header(PeerForwarder.HEADER) != null;
    }

    /** Adds what the gather says about completeness: {@code partial}, {@code failures} (peer to why), {@code instances}. */
    static void describe(ObjectNode answer, Gathered<?> g) {
        answer.put("partial", g.partial());
        ObjectNode failures = answer.putObject("failures");
        g.failures().forEach(failures::put);
        answer.put("instances", g.instances());
    }

    <T> Gathered<T> gather(Context ctx, Supplier<T> local, Function<JsonNode, T> parse) {
        String target = ctx.req().getRequestURI() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        return gather(target, ctx.header("Authorization"), local, parse);
    }

    /** Asks every peer {@code target} (raw path and query), computes the local part meanwhile, then collects. */
    <T> Gathered<T> gather(String target, String authorization, Supplier<T> local, Function<JsonNode, T> parse) {
        Map<HostInfo, CompletableFuture<PeerForwarder.Relayed>> asked = new LinkedHashMap<>();
        for (HostInfo peer : new LinkedHashSet<>(peers.get())) {
            asked.put(peer, relay.ask(peer, target, authorization));
        }
        List<T> parts = new ArrayList<>();
        parts.add(local.get());
        Map<String, String> failures = new LinkedHashMap<>();
        long deadline = System.nanoTime() + wait.toNanos();
        for (Map.Entry<HostInfo, CompletableFuture<PeerForwarder.Relayed>> e : asked.entrySet()) {
            String name = e.getKey().host() + ":" + e.getKey().port();
            try {
                PeerForwarder.Relayed r = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
                LOG.warn("Query API: instance {} did not answer {}: {}", name, target, ex.toString());
                failures.put(name, "did not answer (" + (timedOut(ex) ? "timeout" : "unreachable") + ")");
                e.getValue().cancel(true);
            }
        }
        return new Gathered<>(parts, failures, asked.size() + 1);
    }

    /** Whether the peer was reached too late: our wait, or the forwarder's own request timeout. */
    private static boolean timedOut(Exception ex) {
        return ex instanceof TimeoutException
                || ex instanceof ExecutionException && ex.getCause() instanceof java.net.http.HttpTimeoutException;
    }
}
