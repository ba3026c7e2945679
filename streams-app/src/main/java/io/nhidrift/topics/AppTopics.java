package io.nhidrift.topics;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.Topics;
import io.nhidrift.serde.AlertJson;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.serde.OcsfFindingJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics nhi-drift reads and writes, each with its serdes (README, "Topics"). Names come from
 * configuration ({@link Topics}), serdes from {@link AppSerdes}; build one per topology.
 */
public final class AppTopics {

    private final Map<String, Topic<byte[], byte[]>> raw = new LinkedHashMap<>();
    private final Topic<String, byte[]> inventory;
    private final Topic<String, UsageEvent> events;
    private final Topic<String, Alert> alerts;
    private final Topic<String, Alert> alertsJson;
    private final Topic<String, Alert> findingsOcsf;
    private final Topic<byte[], byte[]> deadLetters;
    private final Topic<String, byte[]> triage;

    private AppTopics(Topics names, AppSerdes serdes) {
        names.rawByFormat().forEach((format, name) -> raw.put(format, new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray())));
        this.inventory = new Topic<>(names.inventory(), Serdes.String(), Serdes.ByteArray());
        this.events = new Topic<>(names.events(), Serdes.String(), serdes.usageEvent());
        this.alerts = new Topic<>(names.alerts(), Serdes.String(), serdes.alertAvro());
        this.alertsJson = new Topic<>(names.alertsJson(), Serdes.String(), jsonAlertSerde());
        this.findingsOcsf = new Topic<>(names.findingsOcsf(), Serdes.String(), OcsfFindingJson.serde());
        this.deadLetters = new Topic<>(names.deadLetters(), Serdes.ByteArray(), Serdes.ByteArray());
        this.triage = new Topic<>(names.triage(), Serdes.String(), Serdes.ByteArray());
    }

    public static AppTopics of(AppConfig config, AppSerdes serdes) {
        return new AppTopics(config.topics(), serdes);
    }

    /** Raw log records of one input format (any key, JSON bytes). */
    public Topic<byte[], byte[]> raw(String format) {
        Topic<byte[], byte[]> t = raw.get(format);
        if (t == null) {
            throw new IllegalArgumentException("input format '" + format + "' is not enabled (inputs = " + raw.keySet() + ")");
        }
        return t;
    }

    /** Raw topics of the enabled input formats, in configuration order. */
    public Map<String, Topic<byte[], byte[]>> raw() {
        return Collections.unmodifiableMap(raw);
    }

    /** Inventory versions keyed by credential id, CONTRACT section 3 JSON. */
    public Topic<String, byte[]> inventory() {
        return inventory;
    }

    /** Normalized events keyed by credential id (Avro single-object encoding). */
    public Topic<String, UsageEvent> events() {
        return events;
    }

    /** Alerts in Avro, Confluent wire format. */
    public Topic<String, Alert> alerts() {
        return alerts;
    }

    /**
     * Alerts as CONTRACT section 4 JSON. Written from {@link Alert} objects; readers take
     * {@code alertsJson().valuesAsBytes()} (JSON is not read back into Avro objects).
     */
    public Topic<String, Alert> alertsJson() {
        return alertsJson;
    }

    /**
     * Alerts as OCSF 1.8.0 findings (docs/SIEM.md). Written from {@link Alert} objects; readers take
     * {@code findingsOcsf().valuesAsBytes()}.
     */
    public Topic<String, Alert> findingsOcsf() {
        return findingsOcsf;
    }

    /** Records that could not be processed: original key and bytes, the reason in headers. */
    public Topic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    /**
     * Triage decisions as JSON ({@code io.nhidrift.triage.TriageDecision}), compacted; the key names what the decision
     * is about ({@code TriageDecision#topicKey}), the partition is the credential's (as on {@code nhi.events}).
     */
    public Topic<String, byte[]> triage() {
        return triage;
    }

    private static Serde<Alert> jsonAlertSerde() {
        return Serdes.serdeFrom(AlertJson.serializer(), (topic, bytes) -> {
            throw new UnsupportedOperationException("the JSON alert topic is read as bytes: use alertsJson().valuesAsBytes()");
        });
    }
}
