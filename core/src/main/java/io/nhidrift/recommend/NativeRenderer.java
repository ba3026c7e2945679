package io.nhidrift.recommend;

/** Renders a recommendation as one platform's native policy document. */
public interface NativeRenderer {

    /** The document, ready to save to a file and apply. */
    String render(Recommendation r);

    /** The renderer of {@code format}. */
    static NativeRenderer of(Format format) {
        return switch (format) {
            case AWS_IAM -> new AwsIamPolicy();
            case K8S_ROLE -> new KubernetesRole();
            case GCP_ROLE -> new GcpCustomRole();
            case GATEWAY_ROUTES -> new GatewayRoutes();
            case JSON -> RecommendationJson::render;
        };
    }
}
