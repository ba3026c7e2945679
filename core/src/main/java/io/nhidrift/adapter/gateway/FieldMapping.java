package io.nhidrift.adapter.gateway;

import java.util.Locale;

/**
 * Where {@link GatewayJsonAdapter} finds each fact in a JSON access log. Each path is dotted
 * ({@code identity.apiKeyId}; array elements by index) and may list alternatives separated by {@code |},
 * the first present one wins. Null paths are not read. Values {@code "-"} and empty strings count as absent.
 *
 * @param timeFormat how {@code time} is written: {@code iso}, {@code epoch_ms}, {@code epoch_s} or {@code clf}
 *     ({@code 10/Jul/2023:11:42:00 +0000})
 */
public record FieldMapping(String credential, String method, String path, String clientIp, String userAgent,
        String time, String status, String eventId, String timeFormat) {

    public FieldMapping {
        if (method == null || path == null || time == null) {
            throw new IllegalArgumentException("method, path and time paths are required");
        }
        timeFormat = timeFormat == null ? "iso" : timeFormat.toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("iso", "epoch_ms", "epoch_s", "clf").contains(timeFormat)) {
            throw new IllegalArgumentException("time format must be iso, epoch_ms, epoch_s or clf: " + timeFormat);
        }
    }

    /**
     * AWS API Gateway access logs in the JSON layout of the AWS docs (REST: {@code caller}/{@code user},
     * {@code resourcePath}; HTTP API: {@code routeKey}); {@code apiKeyId} when the layout adds
     * {@code $context.identity.apiKeyId}.
     */
    public static FieldMapping awsApiGatewayDefaults() {
        return new FieldMapping("apiKeyId|identity.apiKeyId|caller|user", "httpMethod", "resourcePath|routeKey|path",
                "ip|sourceIp", "userAgent", "requestTime", "status", "requestId", "clf");
    }
}
