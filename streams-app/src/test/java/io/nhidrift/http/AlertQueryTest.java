package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.BadRequestResponse;
import io.nhidrift.testing.UnitTest;
import io.nhidrift.triage.AlertPosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The query string of GET /api/v1/alerts: every filter decoded, anything unknown or malformed a 400 naming it. */
@UnitTest
class AlertQueryTest {

    private static String refused(String query) {
        return assertThrows(BadRequestResponse.class, () -> AlertQuery.parse(query)).getMessage();
    }

    @Test
    void everyFilterIsDecoded() {
        String cursor = new AlertPosition(1_000L, "abc").cursor();
        AlertQuery q = AlertQuery.parse("credential=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx&type=NEW_CALLER&severity=HIGH"
                + "&since=2026-11-01T00:00:00Z&until=2026-12-01T00:00:00Z&status=suppressed&owner=team-a&limit=7&cursor=" + cursor);
        assertEquals("arn:aws:iam::1:role/x", q.filter().credential());
        assertEquals("NEW_CALLER", q.filter().type());
        assertEquals("HIGH", q.filter().severity());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli(), q.filter().since());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli(), q.filter().until());
        assertEquals("suppressed", q.filter().status());
        assertEquals("team-a", q.filter().owner());
        assertEquals(7, q.limit());
        assertEquals(new AlertPosition(1_000L, "abc"), q.after());
        AlertQuery none = AlertQuery.parse(null);
        assertNull(none.after());
        assertEquals(100, none.limit());
        assertNull(AlertQuery.parse("type=&status=").filter().type(), "an empty value is no filter");
    }

    @Test
    void unknownRepeatedOrMalformedParametersAreRefusedNamingThem() {
        assertTrue(refused("typ=NEW_CALLER").startsWith("unknown query parameter 'typ'"));
        assertEquals("query parameter 'type' given twice", refused("type=NEW_CALLER&type=HUMAN_USE"));
        assertTrue(refused("type=new_caller").startsWith("invalid type 'new_caller': expected one of"));
        assertTrue(refused("severity=urgent").startsWith("invalid severity 'urgent'"));
        assertEquals("invalid status 'closed': expected one of [open, acknowledged, resolved, suppressed]", refused("status=closed"));
        assertTrue(refused("since=yesterday").startsWith("invalid since 'yesterday': expected an ISO-8601 UTC instant"));
        assertTrue(refused("limit=1001").startsWith("invalid limit '1001'"));
        assertEquals("invalid cursor: use the 'next' value of the previous page", refused("cursor=%21%21"));
        assertTrue(refused("owner=%ZZ").startsWith("malformed query parameter 'owner'"));
        assertTrue(refused("credential=a%00b").startsWith("credential id holds a control character"));
    }
}
