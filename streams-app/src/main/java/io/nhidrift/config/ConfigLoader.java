package io.nhidrift.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Layers configuration: defaults, then a properties file, then environment variables
 * ({@code NHI_DRIFT_DETECT_IDLE_AFTER} for {@code detect.idle.after}; {@code NHI_DRIFT_KAFKA_*} for
 * {@code kafka.*}), then command-line values. Later layers win. Unknown keys are errors.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "NHI_DRIFT_";

    private final Map<String, String> values = new LinkedHashMap<>(ConfigKey.defaults());

    public ConfigLoader file(Path file) {
        if (file == null) {
            return this;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file '" + file + "': " + e.getMessage());
        }
        for (String k : p.stringPropertyNames()) {
            put(k, p.getProperty(k), "config file " + file);
        }
        return this;
    }

    public ConfigLoader environment(Map<String, String> env) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String rest = name.substring(ENV_PREFIX.length());
            String key = keyForEnv(rest);
            if (key == null) {
                throw new ConfigException("unknown configuration key in environment variable '" + name + "'");
            }
            put(key, e.getValue(), "environment variable " + name);
        }
        return this;
    }

    public ConfigLoader overrides(Map<String, String> flags) {
        flags.forEach((k, v) -> put(k, v, "command line"));
        return this;
    }

    public AppConfig load() {
        return AppConfig.from(values);
    }

    public Map<String, String> values() {
        return values;
    }

    private void put(String key, String value, String origin) {
        String k = key.trim();
        if (!ConfigKey.isKnown(k)) {
            throw new ConfigException("unknown configuration key '" + k + "' (from " + origin + ")");
        }
        values.put(k, value == null ? "" : value.trim());
    }

    private static String keyForEnv(String rest) {
        for (ConfigKey k : ConfigKey.values()) {
            if (envName(k.key()).equals(rest)) {
                return k.key();
            }
        }
        for (String k : ConfigKey.GATEWAY_FIELDS) {
            if (envName(k).equals(rest)) {
                return k;
            }
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("kafka_")) {
            return "kafka." + lower.substring(6).replace('_', '.');
        }
        if (lower.startsWith("topic_raw_")) {
            return "topic.raw." + lower.substring(10).replace('_', '-');
        }
        if (lower.startsWith("severity_")) {
            return "severity." + rest.substring(9);
        }
        return null;
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
