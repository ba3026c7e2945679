package io.nhidrift.recommend;

import java.util.Arrays;
import java.util.List;

/** A downloadable rendering of a recommendation: its query-parameter name, media type and file extension. */
public enum Format {
    AWS_IAM("aws-iam", "application/json", "json"),
    K8S_ROLE("k8s-role", "application/yaml", "yaml"),
    GCP_ROLE("gcp-role", "application/yaml", "yaml"),
    GATEWAY_ROUTES("gateway-routes", "application/json", "json"),
    JSON("json", "application/json", "json");

    private final String id;
    private final String mediaType;
    private final String extension;

    Format(String id, String mediaType, String extension) {
        this.id = id;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String id() {
        return id;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format named {@code id}, or null. */
    public static Format of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst().orElse(null);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Format::id).toList();
    }
}
