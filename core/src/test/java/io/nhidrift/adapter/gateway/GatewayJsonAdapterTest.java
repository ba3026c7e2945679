package io.nhidrift.adapter.gateway;

import static io.nhidrift.adapter.AdapterTestSupport.only;
import static io.nhidrift.adapter.AdapterTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.AdapterTestSupport;
import io.nhidrift.adapter.AdapterTestSupport.Tally;
import io.nhidrift.avro.UsageEvent;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class GatewayJsonAdapterTest {

    private final GatewayJsonAdapter aws = new GatewayJsonAdapter(FieldMapping.awsApiGatewayDefaults());

    static final String REST = "{\"requestId\":\"r-1\",\"ip\":\"1.128.0.1\",\"caller\":\"-\",\"user\":\"-\",\"apiKeyId\":\"key-7\","
            + "\"requestTime\":\"10/Jul/2023:11:42:00 +0000\",\"httpMethod\":\"get\",\"resourcePath\":\"/pets/{petId}\",\"status\":\"403\"}";

    @Test
    void awsDefaultsWithApiKeyAndRouteKey() throws AdapterException {
        UsageEvent e = only(parse(aws, REST));
        assertEquals("key-7", e.getCredentialId());
        assertEquals("GET /pets/{petId}", e.getAction());
        assertEquals(Instant.parse("2023-07-10T11:42:00Z").toEpochMilli(), e.getEventTime());
        assertTrue(e.getDenied());
        assertEquals("r-1", e.getEventId());
        String http = "{\"requestId\":\"h\",\"ip\":\"1.1.1.1\",\"user\":\"arn:aws:iam::1:user/u\",\"requestTime\":\"09/Jun/2023:12:54:08 +0000\","
                + "\"routeKey\":\"POST /orders\",\"status\":\"200\"}";
        UsageEvent h = only(parse(aws, http.replace("\"routeKey\"", "\"httpMethod\":\"POST\",\"routeKey\"")));
        assertEquals("POST /orders", h.getAction());
        assertEquals("arn:aws:iam::1:user/u", h.getCredentialId());
        assertEquals("no credential field", parse(aws, REST.replace("\"apiKeyId\":\"key-7\",", "")).skipped().get(0));
    }

    @Test
    void customMappingWithEpochAndNestedPaths() throws AdapterException {
        GatewayJsonAdapter a = new GatewayJsonAdapter(new FieldMapping("auth.client_id", "req.method", "req.url",
                "client.ip", "req.headers.user-agent", "ts", "res.code", "id", "epoch_s"));
        UsageEvent e = only(parse(a, "{\"auth\":{\"client_id\":\"svc-a\"},\"req\":{\"method\":\"delete\",\"url\":\"/v1/x?token=abc\","
                + "\"headers\":{\"user-agent\":\"okhttp/4\"}},\"client\":{\"ip\":\"10.1.1.1\"},\"ts\":1700000000.5,\"res\":{\"code\":401}}"));
        assertEquals("svc-a", e.getCredentialId());
        assertEquals("DELETE /v1/x", e.getAction());
        assertEquals(1700000000500L, e.getEventTime());
        assertTrue(e.getDenied());
        assertEquals("okhttp/4", e.getUserAgent());
        assertTrue(e.getEventId().startsWith("sha256:"));
    }

    @Test
    void hostileInputIsRejectedWithReason() {
        AdapterTestSupport.assertRejectsHostileInput(aws, REST);
    }

    @Test
    void everyRealSampleRecordIsAccountedFor() throws Exception {
        Path dir = AdapterTestSupport.samples().resolve("api_gateway");
        Tally rest = AdapterTestSupport.run(aws, "elastic-integrations_aws_apigateway_rest_access.log",
                AdapterTestSupport.ndjson(dir.resolve("elastic-integrations_aws_apigateway_rest_access.log")));
        Tally http = AdapterTestSupport.run(aws, "elastic-integrations_aws_apigateway_http_access.log",
                AdapterTestSupport.ndjson(dir.resolve("elastic-integrations_aws_apigateway_http_access.log")));
        // The public samples carry no credential (caller/user "-"): every record is a counted skip.
        assertEquals(5, rest.records);
        assertEquals(5, rest.reasons.get("skip: no credential field"));
        assertEquals(5, http.records);
        assertEquals(5, http.reasons.get("skip: no credential field"));
    }
}
