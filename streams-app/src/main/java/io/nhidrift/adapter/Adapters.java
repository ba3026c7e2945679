package io.nhidrift.adapter;

import io.nhidrift.adapter.azure.AzureActivityAdapter;
import io.nhidrift.adapter.azure.AzureSignInAdapter;
import io.nhidrift.adapter.cloudtrail.CloudTrailAdapter;
import io.nhidrift.adapter.gateway.FieldMapping;
import io.nhidrift.adapter.gateway.GatewayJsonAdapter;
import io.nhidrift.adapter.gcp.GcpAuditAdapter;
import io.nhidrift.adapter.github.GithubAuditAdapter;
import io.nhidrift.adapter.k8s.K8sAuditAdapter;
import io.nhidrift.adapter.kong.KongAdapter;
import io.nhidrift.adapter.ocsf.OcsfApiActivityAdapter;
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
        FACTORIES.put("gcp-audit", c -> new GcpAuditAdapter());
        FACTORIES.put("k8s-audit", c -> new K8sAuditAdapter());
        FACTORIES.put("kong", c -> new KongAdapter());
        FACTORIES.put("azure-signin", c -> new AzureSignInAdapter());
        FACTORIES.put("azure-activity", c -> new AzureActivityAdapter());
        FACTORIES.put("github-audit", c -> new GithubAuditAdapter());
        FACTORIES.put("gateway-json", c -> new GatewayJsonAdapter(gatewayMapping(c)));
        FACTORIES.put("ocsf", c -> new OcsfApiActivityAdapter());
    }

    private Adapters() {}

    public static List<String> formats() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static boolean known(String format) {
        return FACTORIES.containsKey(format);
    }

    /**
     * The gateway-json field mapping: {@code gateway-json.<field>} keys (credential, method, path,
     * client-ip, user-agent, time, status, event-id, time-format); unset ones default to the AWS API
     * Gateway access-log layout.
     */
    static FieldMapping gatewayMapping(AppConfig c) {
        FieldMapping d = FieldMapping.awsApiGatewayDefaults();
        Map<String, String> raw = c.raw();
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

    public static LogAdapter create(String format, AppConfig config) {
        Function<AppConfig, LogAdapter> f = FACTORIES.get(format);
        if (f == null) {
            throw new ConfigException("unknown input format '" + format + "': expected one of " + formats());
        }
        return f.apply(config);
    }
}
