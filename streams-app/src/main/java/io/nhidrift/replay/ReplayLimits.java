package io.nhidrift.replay;

import io.nhidrift.json.Json;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import io.nhidrift.config.ConfigKey;
import io.nhidrift.config.Durations;
import io.nhidrift.config.Sizes;
import java.time.Duration;

/**
 * The bounds replay puts on its input, from configuration (validated at start): decompressed bytes and records
 * per file, and the time gap beyond which events are implausible (see {@link PlausibleTime}).
 */
public record ReplayLimits(long maxExpandedBytes, long maxRecordsPerFile, Duration timeGap) {

    /** Largest record, as the adapters accept it ({@link Json#MAX_RECORD_BYTES}). */
    static final int MAX_RECORD_BYTES = Json.MAX_RECORD_BYTES;

    public static ReplayLimits from(AppConfig config) {
        long expanded = Sizes.parse(ConfigKey.REPLAY_MAX_EXPANDED_BYTES.key(), config.get(ConfigKey.REPLAY_MAX_EXPANDED_BYTES));
        String recordsText = config.get(ConfigKey.REPLAY_MAX_RECORDS_PER_FILE);
        long records;
        try {
            records = Long.parseLong(recordsText.trim());
        } catch (NumberFormatException e) {
            records = -1;
        }
        if (records < 1) {
            throw new ConfigException("invalid value '" + recordsText + "' for key '" + ConfigKey.REPLAY_MAX_RECORDS_PER_FILE.key()
                    + "': expected a positive whole number");
        }
        Duration gap = Durations.parse(ConfigKey.REPLAY_TIME_GAP.key(), config.get(ConfigKey.REPLAY_TIME_GAP));
        if (gap.isNegative() || gap.isZero()) {
            throw new ConfigException("invalid value '" + config.get(ConfigKey.REPLAY_TIME_GAP) + "' for key '"
                    + ConfigKey.REPLAY_TIME_GAP.key() + "': expected a positive duration");
        }
        return new ReplayLimits(expanded, records, gap);
    }

    public static ReplayLimits defaults() {
        return from(AppConfig.defaults());
    }
}
