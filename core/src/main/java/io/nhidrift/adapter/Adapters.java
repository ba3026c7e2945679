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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The input formats nhi-drift reads, by the name users give them (CONTRACT section 2). */
public final class Adapters {

    private static final Map<String, Function<FieldMapping, LogAdapter>> FACTORIES = new TreeMap<>();

    static {
        FACTORIES.put("cloudtrail", c -> new CloudTrailAdapter());
        FACTORIES.put("gcp-audit", c -> new GcpAuditAdapter());
        FACTORIES.put("k8s-audit", c -> new K8sAuditAdapter());
        FACTORIES.put("kong", c -> new KongAdapter());
        FACTORIES.put("azure-signin", c -> new AzureSignInAdapter());
        FACTORIES.put("azure-activity", c -> new AzureActivityAdapter());
        FACTORIES.put("github-audit", c -> new GithubAuditAdapter());
        FACTORIES.put("gateway-json", GatewayJsonAdapter::new);
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
     * The adapter of {@code format}; {@code gatewayMapping} is the field mapping of the {@code gateway-json}
     * format (ignored by the others). Every adapter comes wrapped in the one redaction pass
     * ({@link RedactingAdapter}): its events, skip reasons and rejection reasons hold no secret.
     *
     * @throws IllegalArgumentException if the format is unknown
     */
    public static LogAdapter create(String format, FieldMapping gatewayMapping) {
        Function<FieldMapping, LogAdapter> f = FACTORIES.get(format);
        if (f == null) {
            throw new IllegalArgumentException("unknown input format '" + format + "': expected one of " + formats());
        }
        // shipper envelopes are unwrapped before the format's adapter; everything it produces is redacted
        return new RedactingAdapter(new ShipperEnvelope(f.apply(gatewayMapping)));
    }

    /** The adapter of {@code format} with the default gateway-json mapping (AWS API Gateway access logs). */
    public static LogAdapter create(String format) {
        return create(format, FieldMapping.awsApiGatewayDefaults());
    }
}
