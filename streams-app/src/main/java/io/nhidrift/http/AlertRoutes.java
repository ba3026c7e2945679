package io.nhidrift.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.nhidrift.config.AppConfig;
import io.nhidrift.topology.Names;
import io.nhidrift.triage.AlertPage;
import io.nhidrift.triage.AlertPosition;
import io.nhidrift.triage.AlertRecord;
import io.nhidrift.triage.TriageAction;
import io.nhidrift.triage.TriageDecision;
import io.nhidrift.triage.TriageException;
import io.nhidrift.triage.TriagePublisher;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert and triage routes of the query API (shared API spec, "Alerts and triage"):
 * <ul>
 *   <li>{@code GET /api/v1/alerts?credential=&type=&severity=&since=&until=&status=&owner=&limit=&cursor=}: newest
 *       first, cluster-wide;</li>
 *   <li>{@code GET /api/v1/credentials/{id}/alerts}: the same for one credential (same parameters but
 *       {@code credential});</li>
 *   <li>{@code GET /api/v1/alerts/{alertId}}: one alert, whichever instance holds it;</li>
 *   <li>{@code POST /api/v1/alerts/{alertId}/triage} (role {@code triage}): publishes a decision to {@code nhi.triage},
 *       202 with the decision.</li>
 * </ul>
 *
 * <p>Cluster-wide answers are a scatter-gather: the instance asked reads its own partitions and forwards the same
 * request (with {@link PeerForwarder#HEADER}, so peers answer from their own partitions only) to every other instance
 * that Kafka Streams' metadata lists for the alert store, then merges the newest-first pages ({@link AlertPage}).
 * An alert id does not tell which credential (so which partition) it belongs to: each instance looks it up by key in
 * each of its partitions (a key lookup per partition, no scan), the instance asked stops at the first that has it.
 * A peer that does not answer makes a list {@code "partial": true} and a lookup that found nothing a 503.
 */
public final class AlertRoutes implements RouteTable.Group, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRoutes.class);
    static final String ALERTS = "/api/v1/alerts";
    private static final String CREDENTIAL_ALERTS_SUFFIX = "/alerts";
    private static final Pattern ALERT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Set<String> TRIAGE_FIELDS = Set.of("action", "by", "reason", "expiresAt");

    private final KafkaStreams streams;
    private final AppConfig config;
    private final AlertReader reader;
    private final PeerForwarder forwarder;
    private final HostInfo self;
    private final ClusterGather gather;
    private TriagePublisher publisher; // created on the first decision

    AlertRoutes(KafkaStreams streams, AppConfig config, PeerForwarder forwarder) {
        this.streams = streams;
        this.config = config;
        this.reader = new AlertReader(streams, config.topics().events());
        this.forwarder = forwarder;
        this.self = config.advertisedEndpoint();
        this.gather = ClusterGather.of(streams, self, forwarder, Names.ALERT_STORE);
    }

    /** The routes; registered before the {@code /api/v1/credentials/<id>} route (its id may hold {@code /}). */
    @Override
    public List<ApiRoute> routes() {
        ApiRoute.Param alertId = ApiRoute.Param.path("alertId", "The alert's id (alertId of the alert JSON).");
        List<ApiRoute.Param> filters = List.of(
                ApiRoute.Param.query("type", "Alert type (CONTRACT section 4)."),
                ApiRoute.Param.query("severity", "Severity.", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"),
                ApiRoute.Param.query("since", "Event time from (ISO-8601, inclusive)."),
                ApiRoute.Param.query("until", "Event time until (ISO-8601, exclusive)."),
                ApiRoute.Param.query("status", "Triage status.", "open", "acknowledged", "resolved", "suppressed"),
                ApiRoute.Param.query("owner", "Owner of the credential (inventory owner)."),
                ApiRoute.Param.query("limit", "Page size, 1..1000."),
                ApiRoute.Param.query("cursor", "The 'next' of the previous page."));
        List<ApiRoute.Param> listParams = new ArrayList<>();
        listParams.add(ApiRoute.Param.query("credential", "Credential id."));
        listParams.addAll(filters);
        List<ApiRoute.Param> credentialParams = new ArrayList<>();
        credentialParams.add(ApiRoute.Param.path("id", "The credential id, URL-encoded."));
        credentialParams.addAll(filters);
        return List.of(
                ApiRoute.get(ALERTS, Role.READ, "alerts", "Alerts, newest first",
                        "The alerts of the whole cluster from the alert store, with status and triage history; filtered,"
                                + " newest first (event time, then alertId), paged with a cursor.",
                        listParams, ctx -> list(ctx, AlertQuery.parse(ctx.queryString()))),
                ApiRoute.get(ALERTS + "/{alertId}", Role.READ, "alerts", "One alert",
                        "One alert with its status and triage history, whichever instance holds it; 404 if none does.",
                        List.of(alertId), this::one),
                new ApiRoute(HandlerType.POST, ALERTS + "/{alertId}/triage", Role.TRIAGE, "alerts", "Triage an alert",
                        "Body {\"action\":\"acknowledge|resolve|suppress\",\"by\",\"reason\",\"expiresAt\"} (expiresAt"
                                + " required for suppress); publishes the decision to the triage topic and answers 202 with it.",
                        List.of(alertId), List.of("application/json"), this::triage),
                ApiRoute.get(ALERTS + "/{alertId}/triage", Role.READ, "alerts", "Not allowed: 405",
                        "Answers 405 with Allow: POST; triage decisions are POSTed.", List.of(alertId), ctx -> {
                            ctx.header("Allow", "POST");
                            ApiErrors.error(ctx, 405, "method GET not allowed here; this endpoint answers POST (role triage)");
                        }),
                ApiRoute.get(RequestParams.CREDENTIALS + "/<id>" + CREDENTIAL_ALERTS_SUFFIX, Role.READ, "alerts",
                        "One credential's alerts", "The alerts of one credential, newest first (same parameters as the"
                                + " alert list but credential).", credentialParams, this::credentialAlerts));
    }

    @Override
    public synchronized void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    private void credentialAlerts(Context ctx) {
        AlertQuery q = AlertQuery.parse(ctx.queryString());
        if (q.filter().credential() != null) {
            throw new BadRequestResponse("the credential is in the path; drop the 'credential' parameter");
        }
        list(ctx, new AlertQuery(q.filter().forCredential(credentialIdFromPath(ctx)), q.after(), q.limit()));
    }

    private static String credentialIdFromPath(Context ctx) {
        String raw = ctx.req().getRequestURI();
        int from = raw.indexOf(RequestParams.CREDENTIALS + "/") + RequestParams.CREDENTIALS.length() + 1;
        String encoded = raw.substring(from, raw.length() - CREDENTIAL_ALERTS_SUFFIX.length());
        String id;
        try {
            id = java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("malformed credential id: invalid percent-encoding");
        }
        if (id.isBlank()) {
            throw new BadRequestResponse("missing credential id");
        }
        return RequestParams.checkedId(id);
    }

    private void list(Context ctx, AlertQuery q) {
        if (!CredentialLocator.isQueryable(streams.state())) {
            unavailable(ctx, "Kafka Streams is " + streams.state());
            return;
        }
        try {
            if (ClusterGather.fromPeer(ctx)) {
                ApiErrors.json(ctx, 200, pageJson(localPage(q)));
                return;
            }
            ApiErrors.json(ctx, 200, clusterJson(gather.gather(ctx, () -> localPage(q), AlertRoutes::parsePage), q.limit()));
        } catch (CredentialStateReader.NotQueryable e) {
            unavailable(ctx, e.getMessage());
        } catch (IllegalStateException e) {
            unavailable(ctx, "stream metadata unavailable: " + e.getMessage());
        }
    }

    private AlertPage<ObjectNode> localPage(AlertQuery q) {
        AlertPage<AlertRecord> local = reader.page(q.filter(), q.after(), q.limit());
        return new AlertPage<>(local.items().stream().map(AlertRecord::row).toList(), local.coveredTo());
    }

    /** The cluster's answer: the parts merged newest first, and whether every instance answered. */
    static ObjectNode clusterJson(ClusterGather.Gathered<AlertPage<ObjectNode>> g, int limit) {
        ObjectNode body = pageJson(AlertPage.merge(g.parts(), limit, AlertRoutes::position));
        ClusterGather.describe(body, g);
        return body;
    }

    private static ObjectNode pageJson(AlertPage<ObjectNode> page) {
        ObjectNode body = CredentialView.MAPPER.createObjectNode();
        ArrayNode rows = body.putArray("alerts");
        page.items().forEach(rows::add);
        body.put("next", page.coveredTo() == null ? null : page.coveredTo().cursor());
        return body;
    }

    /** A peer's page, as its answer's JSON. */
    static AlertPage<ObjectNode> parsePage(JsonNode n) {
        List<ObjectNode> rows = new ArrayList<>();
        n.path("alerts").forEach(a -> rows.add((ObjectNode) a));
        JsonNode next = n.path("next");
        return new AlertPage<>(rows, next.isTextual() ? AlertPosition.fromCursor(next.asText()) : null);
    }

    private void one(Context ctx) {
        String alertId = alertId(ctx);
        try {
            ObjectNode row = locate(ctx, alertId);
            if (row == null) {
                notFound(ctx, alertId);
            } else {
                ApiErrors.json(ctx, 200, row);
            }
        } catch (Unavailable e) {
            unavailable(ctx, e.getMessage());
        }
    }

    /** The alert's row from this instance or, unless the request was forwarded, from the first peer holding it. */
    private ObjectNode locate(Context ctx, String alertId) {
        if (!CredentialLocator.isQueryable(streams.state())) {
            throw new Unavailable("Kafka Streams is " + streams.state());
        }
        try {
            AlertRecord local = reader.find(alertId);
            if (local != null) {
                return local.row();
            }
        } catch (CredentialStateReader.NotQueryable e) {
            throw new Unavailable(e.getMessage());
        }
        if (ctx.header(PeerForwarder.HEADER) != null) {
            return null;
        }
        String missing = null;
        for (HostInfo peer : peers()) {
            try {
                PeerForwarder.Relayed r = forwarder.forward(peer, ALERTS + "/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8),
                        ctx.header("Authorization"));
                if (r.status() == 200) {
                    return (ObjectNode) CredentialView.MAPPER.readTree(r.body());
                }
                if (r.status() != 404) {
                    missing = peer + " answered " + r.status();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Query API: alert lookup on {} failed: {}", peer, e.toString());
                missing = peer + " did not answer";
            }
        }
        if (missing != null) {
            throw new Unavailable("alert not found on the instances that answered; " + missing);
        }
        return null;
    }

    private void triage(Context ctx) {
        String alertId = alertId(ctx);
        JsonNode body;
        try {
            body = CredentialView.MAPPER.readTree(ctx.body());
        } catch (IOException e) {
            throw new BadRequestResponse("the body is not JSON: expected {\"action\":\"acknowledge|resolve|suppress\",\"by\":…,"
                    + "\"reason\":…,\"expiresAt\":…}");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestResponse("the body must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!TRIAGE_FIELDS.contains(f)) {
                throw new BadRequestResponse("unknown field '" + (f.length() > 64 ? f.substring(0, 64) + "…" : f)
                        + "'; expected some of " + new java.util.TreeSet<>(TRIAGE_FIELDS));
            }
        }
        ObjectNode alert;
        try {
            alert = locate(ctx, alertId);
        } catch (Unavailable e) {
            unavailable(ctx, e.getMessage());
            return;
        }
        if (alert == null) {
            notFound(ctx, alertId);
            return;
        }
        ObjectNode d = ((ObjectNode) body).deepCopy();
        d.put("credentialId", alert.path("credentialId").asText());
        d.put("alertId", alertId);
        if (TriageAction.SUPPRESS.label().equals(body.path("action").asText())) {
            d.put("alertType", alert.path("type").asText());
        }
        TriageDecision decision;
        try {
            decision = TriageDecision.fromJson(d, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        } catch (TriageException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        try {
            publisher().publish(decision);
        } catch (TriagePublisher.TriagePublishException e) {
            LOG.warn("Query API: triage of alert {} not published: {}", alertId, e.getMessage());
            unavailable(ctx, e.getMessage());
            return;
        }
        ApiErrors.json(ctx, 202, decision.toJson());
    }

    private synchronized TriagePublisher publisher() {
        if (publisher == null) {
            publisher = new TriagePublisher(config);
        }
        return publisher;
    }

    private static String alertId(Context ctx) {
        String id = ctx.pathParam("alertId");
        if (!ALERT_ID.matcher(id).matches()) {
            throw new BadRequestResponse("invalid alert id: letters, digits, '-' or '_', at most 128");
        }
        return id;
    }

    /** Other instances hosting the alert store, from Kafka Streams' metadata. */
    private Set<HostInfo> peers() {
        Set<HostInfo> peers = new LinkedHashSet<>();
        try {
            for (StreamsMetadata md : streams.streamsMetadataForStore(Names.ALERT_STORE)) {
                if (!md.hostInfo().equals(self)) {
                    peers.add(md.hostInfo());
                }
            }
        } catch (IllegalStateException e) {
            throw new Unavailable("stream metadata unavailable: " + e.getMessage());
        }
        return peers;
    }

    private static String rawTarget(Context ctx) {
        return ctx.req().getRequestURI() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    }

    private static AlertPosition position(ObjectNode row) {
        return new AlertPosition(Instant.parse(row.path("eventTime").asText()).toEpochMilli(), row.path("alertId").asText());
    }

    private static void notFound(Context ctx, String alertId) {
        ObjectNode n = ApiErrors.node(404, "unknown alert (never emitted, or past alerts.retention)");
        n.put("alertId", alertId);
        ApiErrors.json(ctx, 404, n);
    }

    private static void unavailable(Context ctx, String reason) {
        ObjectNode n = ApiErrors.node(503, "not available, retry shortly");
        n.put("reason", reason);
        ctx.header("Retry-After", "1");
        ApiErrors.json(ctx, 503, n);
    }

    /** Some instance that may hold the answer cannot be asked now. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
