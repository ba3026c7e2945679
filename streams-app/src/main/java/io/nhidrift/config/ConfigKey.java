package io.nhidrift.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every configuration key nhi-drift knows, with its default and what it means (the README's reference). */
public enum ConfigKey {
    BOOTSTRAP_SERVERS("bootstrap.servers", "localhost:9092", "Kafka bootstrap servers (run)."),
    APPLICATION_ID("application.id", "nhi-drift", "Kafka Streams application id: consumer group and internal topic prefix."),
    STATE_DIR("state.dir", System.getProperty("java.io.tmpdir") + "/nhi-drift-state", "Directory of the RocksDB state stores."),
    PROCESSING_GUARANTEE("processing.guarantee", "exactly_once_v2", "exactly_once_v2 or at_least_once."),
    STREAM_THREADS("num.stream.threads", "1", "Stream threads of this instance."),
    COMMIT_INTERVAL("commit.interval", "100ms", "Kafka Streams commit interval (bounds alert latency under EOS)."),
    STORE_CACHE("store.cache.bytes", "64MiB", "Kafka Streams record cache (statestore.cache.max.bytes), for the time index; credential states are merged between commits by the write-behind store layer."),
    ROCKSDB_CACHE("rocksdb.cache.bytes", "128MiB", "Bound of all RocksDB off-heap memory of the process: shared block cache incl. index/filter blocks and memtables."),
    ROCKSDB_MEMTABLE("rocksdb.memtable.bytes", "32MiB", "Part of rocksdb.cache.bytes that memtables (write buffers) may use."),
    HTTP_PORT("http.port", "8080", "Port of the query API."),
    HTTP_HOST("http.host", "127.0.0.1", "Interface the query API binds to (loopback by default; 0.0.0.0 = all, needs tokens)."),
    HTTP_ADVERTISED_HOST("http.advertised.host", "localhost", "Host name other instances use to reach this one (application.server)."),
    HTTP_AUTH_TOKENS("http.auth.tokens", "", "Bearer tokens of the query API: comma-separated role:token (roles read, triage)."),
    HTTP_AUTH_TOKENS_FILE("http.auth.tokens-file", "", "File of bearer tokens, one role:token a line (# comments); adds to http.auth.tokens."),
    HTTP_AUTH_DISABLED("http.auth.disabled", "false", "true = the query API answers without a token, on any bind (explicit opt-out)."),
    HTTP_TLS_KEYSTORE("http.tls.keystore", "", "PKCS12 keystore (key and certificate) of the query API; set = HTTPS only."),
    HTTP_TLS_KEYSTORE_PASSWORD("http.tls.keystore-password", "", "Password of http.tls.keystore (and of its key)."),
    HTTP_THREADS("http.threads", "16", "Requests the query API handles at once (8..1024); 4x as many may wait up to 5 s, beyond that 503."),
    QUERY_RANK_REFRESH("query.rank.refresh", "30s", "Age (100ms..1h) after which a partition's rank index (sorted credential list, fleet summary) is rebuilt in the background; the stale one is served meanwhile."),
    REGISTRY_URL("registry.url", "", "Apicurio/Confluent-compatible schema registry URL for the Avro alert topic; empty = in-memory schema ids."),
    TOPIC_PARTITIONS("topics.partitions", "6", "Partitions of topics nhi-drift creates (events and inventory must match)."),
    TOPIC_REPLICATION("topics.replication.factor", "-1", "Replication factor of topics nhi-drift creates; -1 = the broker's default."),
    TOPIC_INVENTORY("topic.inventory", "nhi.inventory", "Compacted inventory topic, JSON values keyed by credentialId (CONTRACT section 3)."),
    TOPIC_EVENTS("topic.events", "nhi.events", "Normalized usage events (Avro single-object encoding), keyed by credentialId."),
    TOPIC_ALERTS("topic.alerts", "nhi.alerts", "Alerts in Avro, Confluent wire format."),
    TOPIC_ALERTS_JSON("topic.alerts.json", "nhi.alerts.json", "Alerts as JSON (CONTRACT section 4)."),
    TOPIC_FINDINGS_OCSF("topic.findings.ocsf", "nhi.findings.ocsf", "Alerts as OCSF 1.8.0 findings (JSON; docs/SIEM.md)."),
    TOPIC_DEAD_LETTERS("topic.dead-letters", "nhi.dead-letters", "Raw records that could not be parsed; reason and origin in headers."),
    DEAD_LETTERS_REDACT("dead-letters.redact", "false", "true: a dead letter's value is the redacted text of the record instead of its original bytes (which may hold secrets)."),
    TOPIC_RAW_PREFIX("topic.raw.prefix", "nhi.raw.", "Raw topic of format F is <prefix>F unless topic.raw.F is set."),
    INPUTS("inputs", "cloudtrail", "Comma-separated input formats consumed by run/demo, one raw topic each."),
    IDLE_AFTER("detect.idle.after", "30d", "IDLE_CREDENTIAL / DORMANT_REACTIVATED: no use for this long."),
    UNUSED_WINDOW("detect.unused.window", "90d", "UNUSED_ENTITLEMENT: observation window and look-back."),
    LEARNING_PERIOD("detect.new-caller.learning", "7d", "NEW_CALLER: learning period per credential from its first activity."),
    BURST_COUNT("detect.denied-burst.count", "10", "ACCESS_DENIED_BURST: denied calls that make a burst."),
    BURST_WINDOW("detect.denied-burst.window", "5m", "ACCESS_DENIED_BURST: sliding window."),
    ALLOWED_LATENESS("detect.allowed-lateness", "15m", "How late events may arrive; time-based alerts wait this long after their due time."),
    MAX_FUTURE_SKEW("detect.max-future-skew", "15m", "Live runs: how far ahead of the wall clock an input may move event time (a record stamped in the future must not make every credential idle)."),
    PUNCTUATE_INTERVAL("detect.punctuate.interval", "10s", "How often (wall clock) due time-based conditions are checked in run/demo."),
    MAX_ACTIONS("detect.max-actions-per-credential", "2000", "Distinct actions itemized per credential; further ones are counted only."),
    DEDUP_EVENTS("detect.dedup.recent-events", "16", "Recent event ids remembered per credential to drop redeliveries."),
    SESSION_SAME_NETWORKS("detect.session-moved.same-networks", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,fc00::/7",
            "SESSION_CREDENTIAL_MOVED: comma-separated CIDR ranges that count as one caller network."),
    SESSION_MAX("detect.session-moved.max-sessions", "64", "SESSION_CREDENTIAL_MOVED: session origins remembered per credential (the most recent)."),
    REPLAY_MAX_EXPANDED_BYTES("replay.max-expanded-bytes", "1GiB", "replay: decompressed bytes read from one gzip file; past it the rest of the file is one rejected record (a gzip bomb)."),
    REPLAY_MAX_RECORDS_PER_FILE("replay.max-records-per-file", "10000000", "replay: records read from one file; past it the rest of the file is one rejected record."),
    REPLAY_THREADS("replay.threads", "0", "replay: threads that read files and run detection (0: one per processor, at most 8); the alerts and the report are the same for any number."),
    REPLAY_TIME_GAP("replay.time-gap", "90d", "replay: a run of events separated from the others by a gap longer than this and holding at most 1 % of the main run's events is implausible: reported, counted, not applied."),
    DISABLED("detect.disabled", "", "Comma-separated alert types to turn off."),
    SEVERITY_PREFIX("severity.", "", "severity.<TYPE>=LEVEL overrides a type's default severity."),

    // ---- edge validation, topic retention, start-up and health (one block: keep additions together) ----
    INPUT_MAX_FUTURE_SKEW("input.max-future-skew", "15m", "Live runs: a record stamped further ahead of the wall clock is dead-lettered (brokers refuse record timestamps beyond message.timestamp.after.max.ms, 1 h by default)."),
    INPUT_MAX_ID_LENGTH("input.max-id-length", "1024", "Longest credential id, action, event id or grant pattern accepted; longer ones (and ones with control characters) are dead-lettered."),
    INPUT_MAX_FIELD_LENGTH("input.max-field-length", "4096", "Free-text fields (user agent, resource, principal, owner, ...) longer than this are truncated."),
    RETENTION_ALERTS("topics.retention.alerts", "365d", "retention.ms of the alert topics nhi-drift creates (LogAppendTime: counted from when the alert was written); 'forever' = never deleted."),
    RETENTION_EVENTS("topics.retention.events", "30d", "retention.ms of the normalized events topic nhi-drift creates (LogAppendTime); 'forever' = never deleted."),
    RETENTION_DEAD_LETTERS("topics.retention.dead-letters", "30d", "retention.ms of the dead-letter topic nhi-drift creates (LogAppendTime); 'forever' = never deleted."),
    STARTUP_TIMEOUT("startup.timeout", "30s", "run/demo: how long to wait for the Kafka cluster (topics check and creation) before failing with the cause."),
    HEALTH_FAILURE_WINDOW("health.failure-window", "5m", "After a stream thread failed, /health answers DOWN until the instance has run this long without another failure."),

    // ---- owners and risk ----
    ALERTS_TEAM_TOPICS("alerts.team-topics", "", "team=topic,...: the JSON alerts of credentials whose inventory team is <team> also go to <topic> (created like the alert topics)."),

    // ---- alert store and triage (one block: keep additions together) ----
    TOPIC_TRIAGE("topic.triage", "nhi.triage", "Compacted topic of triage decisions (acknowledge, resolve, suppress), JSON, partitioned by credentialId like nhi.events."),
    ALERTS_RETENTION("alerts.retention", "30d", "How long the alert store keeps an alert and its triage history, by event time: counted back from the newest alert of its partition.");

    /** Field mapping keys of the gateway-json format. */
    public static final java.util.Set<String> GATEWAY_FIELDS = java.util.Set.of("gateway-json.credential",
            "gateway-json.method", "gateway-json.path", "gateway-json.client-ip", "gateway-json.user-agent",
            "gateway-json.time", "gateway-json.status", "gateway-json.event-id", "gateway-json.time-format");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ConfigKey k : values()) {
            if (!k.key.endsWith(".")) {
                m.put(k.key, k.defaultValue);
            }
        }
        return m;
    }

    /** Keys a user may set: the fixed ones, {@code topic.raw.<format>}, {@code severity.<TYPE>} and {@code kafka.*} pass-through. */
    public static boolean isKnown(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return true;
            }
        }
        return key.startsWith("topic.raw.") || key.startsWith("severity.") || key.startsWith("kafka.")
                || GATEWAY_FIELDS.contains(key);
    }
}
