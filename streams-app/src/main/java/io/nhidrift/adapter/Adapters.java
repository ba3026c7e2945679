package io.nhidrift.adapter;

import io.nhidrift.adapter.cloudtrail.CloudTrailAdapter;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The input formats nhi-drift reads, by the name users give them (CONTRACT section 2). */
public final class Adapters {

    private static final Map<String, Function<AppConfig, LogAdapter>> FACTORIES = new TreeMap<>();

    static {
        FACTORIES.put("cloudtrail", c -> new CloudTrailAdapter());
    }

    private Adapters() {}

    public static List<String> formats() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static boolean known(String format) {
        return FACTORIES.containsKey(format);
    }

    public static LogAdapter create(String format, AppConfig config) {
        Function<AppConfig, LogAdapter> f = FACTORIES.get(format);
        if (f == null) {
            throw new ConfigException("unknown input format '" + format + "': expected one of " + formats());
        }
        return f.apply(config);
    }
}
