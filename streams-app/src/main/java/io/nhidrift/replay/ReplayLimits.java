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
 * per file, the time gap beyond which events are implausible (see {@link PlausibleTime}), and the threads it runs.
 */
public record ReplayLimits(long maxExpandedBytes, long maxRecordsPerFile, Duration timeGap, int threads) {

    /** Most threads {@code replay.threads=0} picks (one per processor). */
    static final int MAX_AUTO_THREADS = 8;

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
        return new ReplayLimits(expanded, records, gap, threads(config.get(ConfigKey.REPLAY_THREADS)));
    }

    private static int threads(String text) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > 64) {
            throw new ConfigException("invalid value '" + text + "' for key '" + ConfigKey.REPLAY_THREADS.key()
                    + "': expected a whole number from 0 (one per processor) to 64");
        }
        return n > 0 ? n : Math.min(MAX_AUTO_THREADS, Runtime.getRuntime().availableProcessors());
    }

    public static ReplayLimits defaults() {
        return from(AppConfig.defaults());
    }
}
