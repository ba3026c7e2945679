package io.nhidrift.config;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one configuration value and checks it against its usable range, so that a value that parses but cannot
 * work (a 999999999999-day duration, a topic name the broker refuses, a port above 65535) stops the start with a
 * message naming the key, the value and the range, instead of failing later inside Kafka or with an overflow.
 */
final class Ranges {

    /** Durations above this overflow nothing, but no setting of nhi-drift is meaningful beyond it. */
    static final Duration TEN_YEARS = Duration.ofDays(3650);
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private Ranges() {}

    static Duration duration(Map<String, String> raw, ConfigKey key, Duration min, Duration max) {
        String v = raw.get(key.key());
        Duration d = Durations.parse(key.key(), v);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException("invalid value '" + v + "' for key '" + key.key() + "': expected a duration from "
                    + (min.isZero() ? "0" : Durations.format(min)) + " to " + Durations.format(max));
        }
        return d;
    }

    static int integer(Map<String, String> raw, ConfigKey key, int min, int max) {
        String v = raw.get(key.key());
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException | NullPointerException e) {
            throw new ConfigException("invalid value '" + v + "' for key '" + key.key() + "': expected a whole number from "
                    + min + " to " + max);
        }
    }

    static long size(Map<String, String> raw, ConfigKey key, long max) {
        String v = raw.get(key.key());
        long n = Sizes.parse(key.key(), v);
        if (n > max) {
            throw new ConfigException("invalid value '" + v + "' for key '" + key.key() + "': at most " + max + " bytes");
        }
        return n;
    }

    /** A Kafka topic name (or prefix) the broker accepts: letters, digits, '.', '_', '-'; at most 249 characters. */
    static String topicName(String key, String value) {
        if (value == null || !TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new ConfigException("invalid value '" + value + "' for key '" + key + "': a Kafka topic name is 1 to 249"
                    + " characters of letters, digits, '.', '_' and '-'");
        }
        return value;
    }

    /** {@code host:port[,host:port...]}, ports 1..65535 (IPv6 hosts in brackets). */
    static String bootstrapServers(String key, String value) {
        String v = value == null ? "" : value.trim();
        for (String server : v.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            boolean ok = colon > 0 && colon < s.length() - 1;
            if (ok) {
                try {
                    int port = Integer.parseInt(s.substring(colon + 1));
                    ok = port >= 1 && port <= 65535;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new ConfigException("invalid value '" + value + "' for key '" + key + "': expected host:port[,host:port...]"
                        + " (entry '" + s + "')");
            }
        }
        return v;
    }
}
