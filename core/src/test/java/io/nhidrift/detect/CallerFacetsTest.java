package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class CallerFacetsTest {

    @Test
    void anIpv4AddressIsItsSlash24() {
        assertEquals("203.0.113.0/24", CallerFacets.network("203.0.113.7"));
        assertEquals("10.0.0.0/24", CallerFacets.network(" 10.0.0.255 "));
    }

    @Test
    void anIpv6AddressIsItsSlash48InCanonicalForm() {
        assertEquals("2001:db8:1::/48", CallerFacets.network("2001:0db8:0001:0002::7"));
        assertEquals("2001:db8:1::/48", CallerFacets.network("2001:db8:1:ffff:1:2:3:4"));
        assertEquals("fe80:0:0::/48", CallerFacets.network("fe80::1%eth0"));
        assertEquals("2001:db8:0::/48", CallerFacets.network("[2001:db8::1]"));
        assertEquals("0:0:0::/48", CallerFacets.network("::ffff:192.0.2.1"));
    }

    @Test
    void anythingElseIsALowerCasedToken() {
        assertEquals("ec2.amazonaws.com", CallerFacets.network("EC2.amazonaws.com"));
        assertEquals("256.1.1.1", CallerFacets.network("256.1.1.1"));
        assertEquals("1.2.3", CallerFacets.network("1.2.3"));
        assertEquals("gggg::1", CallerFacets.network("gggg::1"));
        assertNull(CallerFacets.network(null));
        assertNull(CallerFacets.network("  "));
    }

    @Test
    void anAgentFamilyIsTheProductWithoutVersion() {
        assertEquals("aws-cli", CallerFacets.agentFamily("aws-cli/2.13.5 Python/3.11.4 Linux/5.10"));
        assertEquals("aws-cli", CallerFacets.agentFamily("[aws-cli/1.18.69 Python/3.8]"));
        assertEquals("boto3", CallerFacets.agentFamily("Boto3/1.28.0 md/Botocore#1.31.0"));
        assertEquals("terraform", CallerFacets.agentFamily("terraform-1.5.0"));
        assertEquals("console.amazonaws.com", CallerFacets.agentFamily("console.amazonaws.com"));
        assertEquals("mozilla", CallerFacets.agentFamily("Mozilla/5.0 (X11; Linux x86_64)"));
        assertEquals("kubectl", CallerFacets.agentFamily("\"kubectl/v1.28.2 (linux/amd64)\""));
        assertNull(CallerFacets.agentFamily(null));
        assertNull(CallerFacets.agentFamily(" [ "));
    }

    @Test
    void facetsNameTheirKind() {
        CallerFacets.Facets f = CallerFacets.of("203.0.113.7", "aws-cli/2.13.5");
        assertEquals("network:203.0.113.0/24", f.networkFacet());
        assertEquals("agent:aws-cli", f.agentFacet());
        CallerFacets.Facets none = CallerFacets.of(null, null);
        assertNull(none.networkFacet());
        assertNull(none.agentFacet());
    }

    @Test
    void browsersAndConsolesAreInteractiveCrawlersAndSdksAreNot() {
        assertTrue(CallerFacets.isInteractive("Mozilla/5.0 (Windows NT 10.0) Chrome/120.0"));
        assertTrue(CallerFacets.isInteractive("console.amazonaws.com"));
        assertTrue(CallerFacets.isInteractive("signin.amazonaws.com"));
        assertTrue(CallerFacets.isInteractive("Opera/9.80"));
        assertFalse(CallerFacets.isInteractive("Mozilla/5.0 (compatible; Googlebot/2.1)"));
        assertFalse(CallerFacets.isInteractive("aws-cli/2.13.5"));
        assertFalse(CallerFacets.isInteractive(null));
    }
}
