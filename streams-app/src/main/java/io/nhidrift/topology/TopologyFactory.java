package io.nhidrift.topology;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.avro.Alert;
import io.nhidrift.config.AppConfig;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topics.AppTopics;
import io.nhidrift.topics.Topic;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the topology as a pure function of configuration and serdes: no I/O here, so everything
 * it does runs the same under {@code TopologyTestDriver} (tests, {@code replay}) and on a cluster.
 *
 * <pre>
 *  raw.cloudtrail ─► normalize-cloudtrail ─┬─► nhi.events ─► detect-drift ─┬─► nhi.alerts       (Avro)
 *  raw.&lt;format&gt;  ─► normalize-&lt;format&gt;  ─┤                 ▲  │  stores  ├─► nhi.alerts.json  (JSON)
 *                                         │                 │  │          └─► nhi.findings.ocsf (OCSF JSON)
 *                                         └─► nhi.dead-letters │  ├ credential-state-store
 *  nhi.inventory ─► parse-inventory ──────────────────────────┘  ├ inventory-store
 *                                   └─► nhi.dead-letters         └ time-index-store
 *  detect-drift ─► record-alerts ─► (the alert sinks above; suppressed alerts stop here)
 *  nhi.triage ─► apply-triage ─┴ alert-store            └─► nhi.dead-letters
 * </pre>
 *
 * <p>With {@code alerts.team-topics}, {@code route-team-alerts} also passes the alerts of teams that have a topic of
 * their own to {@code sink-alerts-team}, whose topic is chosen per alert ({@link TeamTopicExtractor}).
 */
public final class TopologyFactory {

    /** Which parts to build; production builds both, {@code replay} runs them as two stages. */
    public enum Part { NORMALIZE, DETECT, ALL }

    /** Credential states a task holds as objects between two commits before it serializes them all early. */
    static final int PENDING_STATES_PER_TASK = 20_000;

    private TopologyFactory() {}

    public static Topology build(AppConfig config, AppSerdes serdes) {
        return build(config, serdes, Part.ALL, TimeMode.LIVE);
    }

    public static Topology build(AppConfig config, AppSerdes serdes, Part part, TimeMode timeMode) {
        Topology t = new Topology();
        AppTopics topics = AppTopics.of(config, serdes);
        EdgeRules edge = new EdgeRules(config.inputLimits(), timeMode);
        if (part != Part.DETECT) {
            addNormalization(t, topics, config, edge);
        }
        if (part != Part.NORMALIZE) {
            addDetection(t, topics, serdes, config.detection(), timeMode, edge, config.deadLettersRedacted(),
                    config.alertsRetention().toMillis());
            addTeamRouting(t, topics, config.topics().teamAlerts());
        }
        return t;
    }

    private static void addNormalization(Topology t, AppTopics topics, AppConfig config, EdgeRules edge) {
        boolean redact = config.deadLettersRedacted();
        for (Map.Entry<String, Topic<byte[], byte[]>> raw : topics.raw().entrySet()) {
            String format = raw.getKey();
            var adapter = Adapters.create(format, config.gatewayMapping());
            source(t, Names.sourceRaw(format), raw.getValue());
            t.addProcessor(Names.normalize(format), () -> new NormalizeProcessor(adapter, edge, redact), Names.sourceRaw(format));
        }
        String[] normalizers = topics.raw().keySet().stream().map(Names::normalize).toArray(String[]::new);
        sink(t, Names.SINK_EVENTS, topics.events(), normalizers);
        if (!topics.raw().isEmpty()) {
            sink(t, Names.SINK_RAW_DEAD_LETTERS, topics.deadLetters(), normalizers);
        }
    }

    private static void addDetection(Topology t, AppTopics topics, AppSerdes serdes, DetectionConfig detection,
            TimeMode timeMode, EdgeRules edge, boolean redactDeadLetters, long alertsRetentionMs) {
        source(t, Names.SOURCE_EVENTS, topics.events());
        source(t, Names.SOURCE_INVENTORY, topics.inventory());
        t.addProcessor(Names.PARSE_INVENTORY, () -> new InventoryParseProcessor(edge, redactDeadLetters), Names.SOURCE_INVENTORY);
        t.addProcessor(Names.DETECT, () -> new DetectProcessor(detection, timeMode),
                Names.SOURCE_EVENTS, Names.PARSE_INVENTORY);
        // Credential states and entitlements are read through the processor's object caches, and a busy
        // credential's state is serialized once per commit (WriteBehindKeyValueStore): Kafka Streams' record cache
        // would only add a lookup and a copy per access on top, so these two stores go straight to RocksDB and the
        // changelog. The time index keeps the record cache (its entries come and go between commits).
        t.addStateStore(new WriteBehindStoreBuilder<>(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.CREDENTIAL_STATE_STORE), Serdes.String(), serdes.credentialState())
                .withCachingDisabled(), PENDING_STATES_PER_TASK), Names.DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.INVENTORY_STORE),
                Serdes.String(), serdes.entitlement()).withCachingDisabled(), Names.DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.TIME_INDEX_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), Names.DETECT);
        addAlertStore(t, topics, redactDeadLetters, alertsRetentionMs);
        // alert sinks hang from record-alerts, which drops the suppressed ones (after storing them)
        sink(t, Names.SINK_ALERTS_AVRO, topics.alerts(), Names.RECORD_ALERTS);
        sink(t, Names.SINK_ALERTS_JSON, topics.alertsJson(), Names.RECORD_ALERTS);
        sink(t, Names.SINK_FINDINGS_OCSF, topics.findingsOcsf(), Names.RECORD_ALERTS);
        sink(t, Names.SINK_DEAD_LETTERS, topics.deadLetters(), Names.PARSE_INVENTORY);
    }

    /**
     * The alert store and triage, in detect-drift's sub-topology (same task, same transaction): record-alerts stores
     * every alert of detect-drift and sends on the ones no suppression silences; apply-triage applies decisions.
     */
    private static void addAlertStore(Topology t, AppTopics topics, boolean redactDeadLetters, long retentionMs) {
        source(t, Names.SOURCE_TRIAGE, topics.triage());
        t.addProcessor(Names.APPLY_TRIAGE, () -> new TriageProcessor(redactDeadLetters), Names.SOURCE_TRIAGE);
        t.addProcessor(Names.RECORD_ALERTS, () -> new RecordAlertsProcessor(retentionMs), Names.DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.ALERT_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled(), Names.RECORD_ALERTS, Names.APPLY_TRIAGE);
        sink(t, Names.SINK_TRIAGE_DEAD_LETTERS, topics.deadLetters(), Names.APPLY_TRIAGE);
    }

    /** The JSON alerts of teams with a topic of their own, to that topic too (in addition to the main alert topics). */
    private static void addTeamRouting(Topology t, AppTopics topics, Map<String, String> teamTopics) {
        if (teamTopics.isEmpty()) {
            return;
        }
        t.addProcessor(Names.ROUTE_TEAM_ALERTS, () -> new TeamAlertFilter(teamTopics.keySet()), Names.RECORD_ALERTS);
        Topic<String, Alert> json = topics.alertsJson();
        t.addSink(Names.SINK_TEAM_ALERTS, new TeamTopicExtractor(teamTopics), json.keySerializer(), json.valueSerializer(),
                Names.ROUTE_TEAM_ALERTS);
    }

    private static <K, V> void source(Topology t, String name, Topic<K, V> topic) {
        t.addSource(name, topic.keyDeserializer(), topic.valueDeserializer(), topic.name());
    }

    private static <K, V> void sink(Topology t, String name, Topic<K, V> topic, String... parents) {
        t.addSink(name, topic.name(), topic.keySerializer(), topic.valueSerializer(), parents);
    }
}
