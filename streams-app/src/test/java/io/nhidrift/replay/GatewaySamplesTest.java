package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.config.AppConfig;
import io.nhidrift.adapter.Adapters;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.json.Json;
import io.nhidrift.json.RecordException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.TopologyTest;

/**
 * The gateway samples that carry no client identity (Envoy text logs; Cloudflare, GCP load balancer and ALB
 * fixtures) are reported record by record with a reason, never dropped and never fatal.
 */
@TopologyTest
class GatewaySamplesTest {

    private static final Path SAMPLES = io.nhidrift.testing.Samples.root();

    private record Counts(int records, int events, int skipped, int rejected, List<String> reasons) {}

    private static Counts run(String file, boolean pantherWrapped) throws Exception {
        LogAdapter adapter = Adapters.create("gateway-json", AppConfig.defaults().gatewayMapping());
        int[] c = new int[4];
        List<String> reasons = new ArrayList<>();
        RecordFileReader.read(SAMPLES.resolve(file), r -> {
            c[0]++;
            byte[] bytes = r.bytes();
            try {
                if (pantherWrapped) {
                    JsonNode log = Json.parse(bytes).get("log");
                    bytes = Json.MAPPER.writeValueAsBytes(log);
                }
                ParseResult p = adapter.parse(bytes);
                c[1] += p.events().size();
                c[2] += p.skipped().size();
                reasons.addAll(p.skipped());
            } catch (RecordException e) { // the adapter's AdapterException, or an unreadable Panther wrapper
                c[3]++;
                reasons.add(e.getMessage());
            } catch (Exception e) {
                throw new AssertionError("adapter let " + e + " escape on " + r.origin(), e);
            }
        }, (origin, reason) -> { // not JSON at all (a text log line): rejected by the reader, with its reason
            c[0]++;
            c[3]++;
            reasons.add(reason);
        });
        return new Counts(c[0], c[1], c[2], c[3], reasons);
    }

    @Test
    void envoyTextLinesAreRejectedWithAReason() throws Exception {
        Counts c = run("api_gateway/elastic-integrations_envoy_access.log", false);
        assertEquals(7, c.records());
        assertEquals(c.records(), c.events() + c.skipped() + c.rejected());
        assertEquals(0, c.events(), "no Envoy line names a credential");
        c.reasons().forEach(r -> assertFalse(r.isBlank()));
        System.out.println("envoy: " + c);
    }

    @Test
    void httpAccessFixturesWithoutIdentityAreSkippedWithAReason() throws Exception {
        Counts c = run("api_gateway/panther-analysis_http_access_rule_tests.ndjson", true);
        assertEquals(12, c.records());
        assertEquals(c.records(), c.events() + c.skipped() + c.rejected());
        assertEquals(0, c.events());
        c.reasons().forEach(r -> assertFalse(r.isBlank()));
        System.out.println("panther http: " + c);
    }

    @Test
    void aMappingForALogThatNamesItsCallerNormalizesIt() throws Exception {
        AppConfig config = AppConfig.from(Map.of("gateway-json.credential", "consumer", "gateway-json.method", "m",
                "gateway-json.path", "p", "gateway-json.time", "ts", "gateway-json.time-format", "epoch_ms"));
        ParseResult r = Adapters.create("gateway-json", config.gatewayMapping()).parse(
                "{\"consumer\":\"svc-a\",\"m\":\"get\",\"p\":\"/v1/x?token=abc\",\"ts\":1767225600000}".getBytes());
        assertEquals("GET /v1/x", r.events().get(0).getAction());
        assertEquals("svc-a", r.events().get(0).getCredentialId());
    }
}
