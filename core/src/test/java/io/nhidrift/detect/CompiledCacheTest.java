package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.CompiledEntitlement;
import io.nhidrift.inventory.InventoryParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledCacheTest {

    private static Entitlement entitlement(String id, String grants) throws Exception {
        return InventoryParser.parse(("{\"credentialId\":\"" + id + "\",\"kind\":\"aws_access_key\",\"owner\":\"team-a\","
                + "\"grants\":[" + grants + "],\"asOf\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void credentialsWithTheSamePatternsShareOneCompiledForm() throws Exception {
        CompiledCache cache = new CompiledCache();
        CompiledEntitlement a = cache.of(entitlement("AKIAAAAAAAAAAAAAAAAA", "\"s3:GetObject\""));
        CompiledEntitlement b = cache.of(entitlement("AKIABBBBBBBBBBBBBBBB", "\"s3:GetObject\""));
        assertSame(a, b);
    }

    @Test
    void everyPatternSetGetsItsOwnCompiledForm() throws Exception {
        CompiledCache cache = new CompiledCache();
        List<Entitlement> entitlements = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            entitlements.add(entitlement("AKIA" + String.format("%016d", i), "\"svc" + i + ":Get*\""));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < entitlements.size(); i++) {
                CompiledEntitlement c = cache.of(entitlements.get(i));
                assertTrue(c.inScope("svc" + i + ":GetThing"), "entitlement " + i);
                assertFalse(c.inScope("svc" + (i + 1) + ":GetThing"), "entitlement " + i);
            }
        }
    }

    @Test
    void anEntitlementLookedUpAgainGetsTheFormItGotFirst() throws Exception {
        CompiledCache cache = new CompiledCache();
        Entitlement e = entitlement("AKIAAAAAAAAAAAAAAAAA", "\"s3:*\"");
        CompiledEntitlement first = cache.of(e);
        assertSame(first, cache.of(e));
        Entitlement other = entitlement("AKIAAAAAAAAAAAAAAAAA", "\"ec2:*\"");
        assertNotSame(first, cache.of(other));
        assertEquals(first.fingerprint(), cache.of(e).fingerprint());
    }
}
