package io.nhidrift.adapter.kong;

import static io.nhidrift.adapter.AdapterTestSupport.only;
import static io.nhidrift.adapter.AdapterTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.AdapterTestSupport;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

/** No public Kong http-log sample is in the shared samples; the records follow the plugin's documented shape. */
@UnitTest
class KongAdapterTest {

    private final KongAdapter adapter = new KongAdapter();

    static final String SECRET_KEY = "k3y-SUPERSECRET-0123456789";
    static final String SECRET_BEARER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdmMifQ.c2lnbmF0dXJlc2VjcmV0";

    static final String ENTRY = """
            {"service":{"name":"orders-svc","id":"s-1","host":"orders.internal"},
             "route":{"name":"orders-route","id":"r-1","paths":["/v1/orders"]},
             "request":{"method":"get","uri":"/v1/orders/42?apikey=%1$s&page=2","url":"http://api.example.com:8000/v1/orders/42?apikey=%1$s",
               "size":"86","querystring":{"apikey":"%1$s","page":"2"},
               "headers":{"accept":"*/*","host":"api.example.com","user-agent":"python-requests/2.31.0",
                          "apikey":"%1$s","authorization":"Bearer %2$s"},"id":"req-7f3"},
             "upstream_uri":"/orders/42?apikey=%1$s&page=2",
             "response":{"status":200,"size":"934","headers":{"content-type":"application/json","x-kong-request-id":"hdr-id"}},
             "authenticated_entity":{"id":"cred-9"},
             "consumer":{"username":"billing-batch","id":"c-1","created_at":1700000000},
             "latencies":{"request":51,"kong":10,"proxy":41},
             "client_ip":"203.0.113.9","started_at":1720612920123}
            """.formatted(SECRET_KEY, SECRET_BEARER);

    @Test
    void normalizesContractFields() throws AdapterException {
        UsageEvent e = only(parse(adapter, ENTRY));
        assertEquals("billing-batch", e.getCredentialId());
        assertEquals("GET /v1/orders/42", e.getAction());
        assertEquals("203.0.113.9", e.getSourceIp());
        assertEquals("python-requests/2.31.0", e.getUserAgent());
        assertEquals(1720612920123L, e.getEventTime());
        assertEquals("req-7f3", e.getEventId());
        assertFalse(e.getDenied());
        assertEquals("orders-route", e.getAttributes().get("route"));
        assertEquals("orders-svc", e.getAttributes().get("service"));
        assertEquals("200", e.getAttributes().get("status"));
        assertTrue(e.getAttributes().get("upstream_uri").startsWith("/orders/42?apikey=[REDACTED:query-param]"));
    }

    @Test
    void secretHeadersAndKeysNeverReachTheEvent() throws AdapterException {
        UsageEvent e = only(parse(adapter, ENTRY));
        String all = e.toString(); // every field, attributes included
        assertFalse(all.contains(SECRET_KEY), all);
        assertFalse(all.contains(SECRET_BEARER), all);
        assertFalse(all.toLowerCase().contains("authorization"), all);
        for (String k : e.getAttributes().keySet()) {
            assertFalse(k.toLowerCase().contains("header"), k);
        }
    }

    @Test
    void credentialFallbacksDeniedAndIds() throws AdapterException {
        String noName = ENTRY.replace("\"username\":\"billing-batch\",", "");
        assertEquals("c-1", only(parse(adapter, noName)).getCredentialId());
        String entityOnly = ENTRY.replace("\"consumer\":{\"username\":\"billing-batch\",\"id\":\"c-1\",\"created_at\":1700000000},", "");
        assertEquals("cred-9", only(parse(adapter, entityOnly)).getCredentialId());
        String anonymous = entityOnly.replace("\"authenticated_entity\":{\"id\":\"cred-9\"},", "");
        ParseResult skip = parse(adapter, anonymous);
        assertEquals(List.of("no authenticated consumer"), skip.skipped());

        for (int status : new int[] {401, 403}) {
            UsageEvent d = only(parse(adapter, ENTRY.replace("\"status\":200", "\"status\":" + status)));
            assertTrue(d.getDenied());
            assertEquals(String.valueOf(status), d.getErrorCode());
        }
        assertFalse(only(parse(adapter, ENTRY.replace("\"status\":200", "\"status\":500"))).getDenied());

        assertEquals("hdr-id", only(parse(adapter, ENTRY.replace("\"id\":\"req-7f3\"", "\"x\":1"))).getEventId());
        String noIds = ENTRY.replace("\"id\":\"req-7f3\"", "\"x\":1").replace("\"x-kong-request-id\":\"hdr-id\"", "\"y\":\"z\"");
        assertTrue(only(parse(adapter, noIds)).getEventId().startsWith("sha256:"));

        ParseResult batch = parse(adapter, "[" + ENTRY + "," + anonymous + "]");
        assertEquals(1, batch.events().size());
        assertEquals(1, batch.skipped().size());
    }

    @Test
    void hostileInputIsRejectedWithReason() {
        AdapterTestSupport.assertRejectsHostileInput(adapter, ENTRY);
    }
}
