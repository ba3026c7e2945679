package io.nhidrift.config;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.adapter.gateway.FieldMapping;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.detect.SameNetworks;
import io.nhidrift.detect.Severity;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The typed, validated configuration of one nhi-drift instance. Built by {@link ConfigLoader}. */
public final class AppConfig {

    /** No memory setting of one instance is meaningful beyond 1 TiB (and larger values overflow Kafka's int/long math). */
    private static final long MAX_MEMORY_BYTES = 1L << 40;
    /** Retention value meaning "never delete" ({@code retention.ms=-1}). */
    public static final String FOREVER = "forever";

    private final Map<String, String> raw;
    private final Topics topics;
    private final DetectionConfig detection;

    private AppConfig(Map<String, String> raw) {
        this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        this.topics = new Topics(raw, inputs());
        this.detection = detectionFrom(raw);
        validate();
    }

    public static AppConfig from(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(ConfigKey.defaults());
        all.putAll(values);
        return new AppConfig(all);
    }

    public static AppConfig defaults() {
        return from(Map.of());
    }

    /** A copy with some values replaced (validated again). */
    public AppConfig with(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(raw);
        overrides.forEach((k, v) -> {
            if (!ConfigKey.isKnown(k)) {
                throw new ConfigException("unknown configuration key '" + k + "'");
            }
            m.put(k, v);
        });
        return new AppConfig(m);
    }

    public String get(ConfigKey key) {
        return raw.get(key.key());
    }

    public Map<String, String> raw() {
        return raw;
    }

    public Topics topics() {
        return topics;
    }

    public DetectionConfig detection() {
        return detection;
    }

    /**
     * The gateway-json field mapping: {@code gateway-json.<field>} keys (credential, method, path,
     * client-ip, user-agent, time, status, event-id, time-format); unset ones default to the AWS API
     * Gateway access-log layout.
     */
    /** This instance's query endpoint as other instances reach it (Kafka Streams' {@code application.server}). */
    public org.apache.kafka.streams.state.HostInfo advertisedEndpoint() {
        return new org.apache.kafka.streams.state.HostInfo(httpAdvertisedHost(), httpPort());
    }

    public FieldMapping gatewayMapping() {
        FieldMapping d = FieldMapping.awsApiGatewayDefaults();
        try {
            return new FieldMapping(
                    raw.getOrDefault("gateway-json.credential", d.credential()),
                    raw.getOrDefault("gateway-json.method", d.method()),
                    raw.getOrDefault("gateway-json.path", d.path()),
                    raw.getOrDefault("gateway-json.client-ip", d.clientIp()),
                    raw.getOrDefault("gateway-json.user-agent", d.userAgent()),
                    raw.getOrDefault("gateway-json.time", d.time()),
                    raw.getOrDefault("gateway-json.status", d.status()),
                    raw.getOrDefault("gateway-json.event-id", d.eventId()),
                    raw.getOrDefault("gateway-json.time-format", d.timeFormat()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid gateway-json field mapping: " + e.getMessage());
        }
    }

    public String bootstrapServers() {
        return Ranges.bootstrapServers(ConfigKey.BOOTSTRAP_SERVERS.key(), get(ConfigKey.BOOTSTRAP_SERVERS));
    }

    public String applicationId() {
        return get(ConfigKey.APPLICATION_ID);
    }

    public String stateDir() {
        return get(ConfigKey.STATE_DIR);
    }

    public String processingGuarantee() {
        return get(ConfigKey.PROCESSING_GUARANTEE);
    }

    public int streamThreads() {
        return Ranges.integer(raw, ConfigKey.STREAM_THREADS, 1, 64);
    }

    public Duration commitInterval() {
        return Ranges.duration(raw, ConfigKey.COMMIT_INTERVAL, Duration.ZERO, Duration.ofHours(1));
    }

    public long storeCacheBytes() {
        return Ranges.size(raw, ConfigKey.STORE_CACHE, MAX_MEMORY_BYTES);
    }

    public long rocksDbCacheBytes() {
        return Ranges.size(raw, ConfigKey.ROCKSDB_CACHE, MAX_MEMORY_BYTES);
    }

    public long rocksDbMemtableBytes() {
        long m = Ranges.size(raw, ConfigKey.ROCKSDB_MEMTABLE, MAX_MEMORY_BYTES);
        if (m > rocksDbCacheBytes()) {
            throw new ConfigException("invalid value '" + get(ConfigKey.ROCKSDB_MEMTABLE) + "' for key 'rocksdb.memtable.bytes': "
                    + "must not exceed rocksdb.cache.bytes (" + get(ConfigKey.ROCKSDB_CACHE) + ")");
        }
        return m;
    }

    public int httpPort() {
        return Ranges.integer(raw, ConfigKey.HTTP_PORT, 0, 65535);
    }

    public String httpHost() {
        return get(ConfigKey.HTTP_HOST);
    }

    public String httpAdvertisedHost() {
        return get(ConfigKey.HTTP_ADVERTISED_HOST);
    }

    /** {@code http.auth.tokens}: comma-separated {@code role:token} entries, parsed and checked by the query API. */
    public String httpAuthTokens() {
        return get(ConfigKey.HTTP_AUTH_TOKENS);
    }

    /** {@code http.auth.tokens-file}, or null when unset. */
    public java.nio.file.Path httpAuthTokensFile() {
        return optionalPath(ConfigKey.HTTP_AUTH_TOKENS_FILE);
    }

    public boolean httpAuthDisabled() {
        return booleanValue(ConfigKey.HTTP_AUTH_DISABLED);
    }

    /** {@code http.tls.keystore} (PKCS12), or null when the query API speaks plain HTTP. */
    public java.nio.file.Path httpTlsKeystore() {
        return optionalPath(ConfigKey.HTTP_TLS_KEYSTORE);
    }

    public char[] httpTlsKeystorePassword() {
        return get(ConfigKey.HTTP_TLS_KEYSTORE_PASSWORD).toCharArray();
    }

    public int httpThreads() {
        return Ranges.integer(raw, ConfigKey.HTTP_THREADS, 8, 1024);
    }

    /** {@code query.rank.refresh}: how old a partition's rank index may get before it is rebuilt in the background. */
    public Duration queryRankRefresh() {
        return Ranges.duration(raw, ConfigKey.QUERY_RANK_REFRESH, Duration.ofMillis(100), Duration.ofHours(1));
    }

    private java.nio.file.Path optionalPath(ConfigKey key) {
        String v = get(key);
        return v == null || v.isBlank() ? null : java.nio.file.Path.of(v.trim());
    }

    private boolean booleanValue(ConfigKey key) {
        String v = get(key).trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigException("invalid value '" + v + "' for key '" + key.key() + "': expected true or false");
    }

    public String registryUrl() {
        String v = get(ConfigKey.REGISTRY_URL);
        return v == null || v.isBlank() ? null : v;
    }

    public int topicPartitions() {
        return Ranges.integer(raw, ConfigKey.TOPIC_PARTITIONS, 1, 10_000);
    }

    public short topicReplication() {
        int v = Ranges.integer(raw, ConfigKey.TOPIC_REPLICATION, -1, 32);
        if (v == 0) {
            throw new ConfigException("invalid value '0' for key 'topics.replication.factor': use -1 (broker default) or 1..32");
        }
        return (short) v;
    }

    /** {@code dead-letters.redact}: whether dead letters carry the redacted text of a record instead of its bytes. */
    public boolean deadLettersRedacted() {
        String v = get(ConfigKey.DEAD_LETTERS_REDACT).trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new ConfigException("invalid value '" + v + "' for key 'dead-letters.redact': expected true or false");
        }
        return Boolean.parseBoolean(v);
    }

    public List<String> inputs() {
        return Arrays.stream(get(ConfigKey.INPUTS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Settings passed to Kafka clients unchanged: every {@code kafka.X=V} becomes {@code X=V}. */
    public Map<String, String> kafkaPassThrough() {
        Map<String, String> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                m.put(k.substring(6), v);
            }
        });
        return m;
    }

    private void validate() {
        String pg = processingGuarantee();
        if (!pg.equals("exactly_once_v2") && !pg.equals("at_least_once")) {
            throw new ConfigException("invalid value '" + pg + "' for key 'processing.guarantee': expected exactly_once_v2 or at_least_once");
        }
        streamThreads();
        commitInterval();
        httpPort();
        httpAuthDisabled();
        httpThreads();
        queryRankRefresh();
        storeCacheBytes();
        rocksDbMemtableBytes();
        topicPartitions();
        topicReplication();
        deadLettersRedacted();
        if (inputs().isEmpty()) {
            throw new ConfigException("invalid value '' for key 'inputs': name at least one input format");
        }
        for (String format : inputs()) {
            if (!Adapters.known(format)) {
                throw new ConfigException("invalid value '" + get(ConfigKey.INPUTS) + "' for key 'inputs': unknown input format '"
                        + format + "'; expected some of " + Adapters.formats());
            }
        }
        if (applicationId() == null || applicationId().isBlank()) {
            throw new ConfigException("invalid value '' for key 'application.id': must not be empty");
        }
        Ranges.topicName(ConfigKey.APPLICATION_ID.key(), applicationId());
        bootstrapServers();
        gatewayMapping();
        validateTopicNames();
        inputLimits();
        retention(ConfigKey.RETENTION_ALERTS);
        retention(ConfigKey.RETENTION_EVENTS);
        retention(ConfigKey.RETENTION_DEAD_LETTERS);
        startupTimeout();
        healthFailureWindow();
        alertsRetention();
    }

    private void validateTopicNames() {
        for (ConfigKey k : new ConfigKey[] {ConfigKey.TOPIC_INVENTORY, ConfigKey.TOPIC_EVENTS, ConfigKey.TOPIC_ALERTS,
                ConfigKey.TOPIC_ALERTS_JSON, ConfigKey.TOPIC_DEAD_LETTERS, ConfigKey.TOPIC_TRIAGE}) {
            Ranges.topicName(k.key(), get(k));
        }
        topics.rawByFormat().forEach((format, topic) -> Ranges.topicName(
                raw.containsKey("topic.raw." + format) ? "topic.raw." + format : ConfigKey.TOPIC_RAW_PREFIX.key(), topic));
    }

    // ---- edge validation, retention, start-up, health ----

    /** Bounds on what an input record may carry (see {@link InputLimits}); live runs bound future timestamps too. */
    public InputLimits inputLimits() {
        return new InputLimits(
                Ranges.duration(raw, ConfigKey.INPUT_MAX_FUTURE_SKEW, Duration.ZERO, Duration.ofDays(7)),
                Ranges.integer(raw, ConfigKey.INPUT_MAX_ID_LENGTH, 16, 65_536),
                Ranges.integer(raw, ConfigKey.INPUT_MAX_FIELD_LENGTH, 64, 1 << 20));
    }

    /** {@code retention.ms} for a {@code topics.retention.*} key: -1 for {@code forever}, else 1 h to 10 years. */
    public long retentionMs(ConfigKey key) {
        return retention(key);
    }

    private long retention(ConfigKey key) {
        if (FOREVER.equalsIgnoreCase(get(key).trim())) {
            return -1L;
        }
        return Ranges.duration(raw, key, Duration.ofHours(1), Ranges.TEN_YEARS).toMillis();
    }

    public Duration startupTimeout() {
        return Ranges.duration(raw, ConfigKey.STARTUP_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    /** How long the alert store keeps an alert (event time, counted back from the newest alert of its partition). */
    public Duration alertsRetention() {
        return Ranges.duration(raw, ConfigKey.ALERTS_RETENTION, Duration.ofHours(1), Ranges.TEN_YEARS);
    }

    public Duration healthFailureWindow() {
        return Ranges.duration(raw, ConfigKey.HEALTH_FAILURE_WINDOW, Duration.ZERO, Duration.ofDays(1));
    }

    private static DetectionConfig detectionFrom(Map<String, String> raw) {
        Set<AlertType> disabled = EnumSet.noneOf(AlertType.class);
        for (String t : raw.getOrDefault(ConfigKey.DISABLED.key(), "").split(",")) {
            if (!t.isBlank()) {
                disabled.add(alertType(ConfigKey.DISABLED.key(), t.trim()));
            }
        }
        Map<AlertType, Severity> severities = new EnumMap<>(AlertType.class);
        for (AlertType t : AlertType.values()) {
            severities.put(t, t.defaultSeverity());
        }
        raw.forEach((k, v) -> {
            if (k.startsWith("severity.")) {
                AlertType t = alertType(k, k.substring("severity.".length()));
                try {
                    severities.put(t, Severity.valueOf(v.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("invalid value '" + v + "' for key '" + k + "': expected one of "
                            + Arrays.toString(Severity.values()));
                }
            }
        });
        return new DetectionConfig(
                Ranges.duration(raw, ConfigKey.IDLE_AFTER, Duration.ofMillis(1), Ranges.TEN_YEARS),
                Ranges.duration(raw, ConfigKey.UNUSED_WINDOW, Duration.ofMillis(1), Ranges.TEN_YEARS),
                Ranges.duration(raw, ConfigKey.LEARNING_PERIOD, Duration.ZERO, Ranges.TEN_YEARS),
                Ranges.integer(raw, ConfigKey.BURST_COUNT, 1, 100_000),
                Ranges.duration(raw, ConfigKey.BURST_WINDOW, Duration.ofMillis(1), Duration.ofDays(30)),
                Ranges.duration(raw, ConfigKey.ALLOWED_LATENESS, Duration.ZERO, Duration.ofDays(30)),
                Ranges.duration(raw, ConfigKey.MAX_FUTURE_SKEW, Duration.ZERO, Duration.ofDays(30)),
                Ranges.duration(raw, ConfigKey.PUNCTUATE_INTERVAL, Duration.ofMillis(10), Duration.ofDays(1)),
                Ranges.integer(raw, ConfigKey.MAX_ACTIONS, 1, 1_000_000),
                Ranges.integer(raw, ConfigKey.DEDUP_EVENTS, 0, 10_000),
                disabled,
                severities,
                sameNetworks(raw),
                Ranges.integer(raw, ConfigKey.SESSION_MAX, 1, 10_000));
    }

    private static SameNetworks sameNetworks(Map<String, String> raw) {
        String v = raw.get(ConfigKey.SESSION_SAME_NETWORKS.key());
        try {
            return SameNetworks.parse(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value '" + v + "' for key '" + ConfigKey.SESSION_SAME_NETWORKS.key() + "': "
                    + e.getMessage());
        }
    }

    private static AlertType alertType(String key, String name) {
        try {
            return AlertType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value '" + name + "' for key '" + key + "': expected an alert type such as "
                    + AlertType.OUT_OF_SCOPE_USE);
        }
    }
}
