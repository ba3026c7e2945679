package io.nhidrift.topology;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.Topics;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.serde.AlertJson;
import io.nhidrift.serde.AppSerdes;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the topology as a pure function of configuration and serdes: no I/O here, so everything
 * it does runs the same under {@code TopologyTestDriver} (tests, {@code replay}) and on a cluster.
 *
 * <pre>
 *  raw.cloudtrail ─► normalize-cloudtrail ─┬─► nhi.events ─► detect-drift ─┬─► nhi.alerts       (Avro)
 *  raw.&lt;format&gt;  ─► normalize-&lt;format&gt;  ─┤                 ▲  │  stores  └─► nhi.alerts.json  (JSON)
 *                                         └─► nhi.dead-letters │  ├ credential-state-store
 *  nhi.inventory ─► parse-inventory ──────────────────────────┘  ├ inventory-store
 *                                   └─► nhi.dead-letters         └ time-index-store
 * </pre>
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
        Topics topics = config.topics();
        EdgeRules edge = new EdgeRules(config.inputLimits(), timeMode);
        if (part != Part.DETECT) {
            addNormalization(t, topics, serdes, config, edge);
        }
        if (part != Part.NORMALIZE) {
            addDetection(t, topics, serdes, config.detection(), timeMode, edge);
        }
        return t;
    }

    private static void addNormalization(Topology t, Topics topics, AppSerdes serdes, AppConfig config, EdgeRules edge) {
        for (Map.Entry<String, String> raw : topics.rawByFormat().entrySet()) {
            String format = raw.getKey();
            var adapter = Adapters.create(format, config.gatewayMapping());
            t.addSource(Names.sourceRaw(format), new ByteArrayDeserializer(), new ByteArrayDeserializer(), raw.getValue());
            t.addProcessor(Names.normalize(format), () -> new NormalizeProcessor(adapter, edge), Names.sourceRaw(format));
        }
        String[] normalizers = topics.rawByFormat().keySet().stream().map(Names::normalize).toArray(String[]::new);
        t.addSink(Names.SINK_EVENTS, topics.events(), new StringSerializer(), serdes.usageEvent().serializer(), normalizers);
        if (!topics.rawByFormat().isEmpty()) {
            t.addSink(Names.SINK_RAW_DEAD_LETTERS, topics.deadLetters(), new ByteArraySerializer(), new ByteArraySerializer(),
                    normalizers);
        }
    }

    private static void addDetection(Topology t, Topics topics, AppSerdes serdes, DetectionConfig detection,
            TimeMode timeMode, EdgeRules edge) {
        t.addSource(Names.SOURCE_EVENTS, new StringDeserializer(), serdes.usageEvent().deserializer(), topics.events());
        t.addSource(Names.SOURCE_INVENTORY, new StringDeserializer(), new ByteArrayDeserializer(), topics.inventory());
        t.addProcessor(Names.PARSE_INVENTORY, () -> new InventoryParseProcessor(edge), Names.SOURCE_INVENTORY);
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
        t.addSink(Names.SINK_ALERTS_AVRO, topics.alerts(), new StringSerializer(), serdes.alertAvro().serializer(), Names.DETECT);
        t.addSink(Names.SINK_ALERTS_JSON, topics.alertsJson(), new StringSerializer(), AlertJson.serializer(), Names.DETECT);
        t.addSink(Names.SINK_DEAD_LETTERS, topics.deadLetters(), new ByteArraySerializer(), new ByteArraySerializer(),
                Names.PARSE_INVENTORY);
    }
}
