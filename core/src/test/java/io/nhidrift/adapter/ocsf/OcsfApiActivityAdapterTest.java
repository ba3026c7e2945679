package io.nhidrift.adapter.ocsf;

import static io.nhidrift.adapter.AdapterTestSupport.only;
import static io.nhidrift.adapter.AdapterTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.AdapterTestSupport;
import io.nhidrift.avro.UsageEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

/** No OCSF API Activity sample is in the shared samples; records follow the 1.8.0 schema objects. */
@UnitTest
class OcsfApiActivityAdapterTest {

    private final OcsfApiActivityAdapter adapter = new OcsfApiActivityAdapter();

    static final String EVENT = """
            {"class_uid":6003,"category_uid":6,"activity_id":2,"time":1720612920123,"status_id":2,"status":"Failure",
             "status_code":"AccessDenied","metadata":{"uid":"m-1","version":"1.8.0","product":{"name":"CloudTrail"}},
             "actor":{"user":{"uid":"arn:aws:iam::123456789012:user/etl","name":"etl","credential_uid":"AKIAEXAMPLE000000001",
                      "type":"IAMUser","account":{"uid":"123456789012"}},"session":{"credential_uid":"ASIAEXAMPLE"}},
             "api":{"operation":"GetObject","service":{"name":"s3"},"request":{"uid":"req-1"}},
             "src_endpoint":{"ip":"203.0.113.5"},"http_request":{"user_agent":"aws-cli/2.15"},
             "resources":[{"uid":"arn:aws:s3:::bucket/key"}],"cloud":{"provider":"AWS","region":"us-east-1"}}
            """;

    @Test
    void apiActivity() throws AdapterException {
        UsageEvent e = only(parse(adapter, EVENT));
        assertEquals("AKIAEXAMPLE000000001", e.getCredentialId());
        assertEquals("aws_access_key", e.getCredentialKind());
        assertEquals("s3:GetObject", e.getAction());
        assertEquals("203.0.113.5", e.getSourceIp());
        assertEquals("aws-cli/2.15", e.getUserAgent());
        assertEquals(1720612920123L, e.getEventTime());
        assertEquals("m-1", e.getEventId());
        assertTrue(e.getDenied());
        assertEquals("AccessDenied", e.getErrorCode());

        UsageEvent throttled = only(parse(adapter, EVENT.replace("AccessDenied", "ThrottlingException")));
        assertFalse(throttled.getDenied(), "a failure that is not a refusal");
        UsageEvent session = only(parse(adapter, EVENT.replace("AKIAEXAMPLE000000001", "ASIATEMP")));
        assertEquals("arn:aws:iam::123456789012:user/etl", session.getCredentialId(), "session keys fall back to user.uid");
        assertEquals("GetObject", only(parse(adapter, EVENT.replace(",\"service\":{\"name\":\"s3\"}", ""))).getAction());
        assertEquals(List.of("class_uid 3002 is not API Activity (6003)"),
                parse(adapter, "{\"class_uid\":3002,\"time\":1}").skipped());
    }

    @Test
    void hostileInputIsRejectedWithReason() {
        AdapterTestSupport.assertRejectsHostileInput(adapter, EVENT);
    }
}
