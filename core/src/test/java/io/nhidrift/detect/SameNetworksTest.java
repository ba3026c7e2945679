package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class SameNetworksTest {

    private final SameNetworks defaults = SameNetworks.defaults();

    @Test
    void privateAndCarrierNatRangesCountAsOneNetwork() {
        for (String ip : new String[] {"10.1.2.3", "10.200.0.1", "172.16.0.1", "172.31.255.254", "192.168.10.20",
                "100.64.0.1", "100.127.255.255", "fd12:3456::1", "fc00::1"}) {
            assertEquals(SameNetworks.SAME, defaults.key(ip), ip);
        }
    }

    @Test
    void publicAddressesAreTheirSlash24OrSlash48() {
        assertEquals("3.225.16.0/24", defaults.key("3.225.16.109"));
        assertEquals("172.32.0.0/24", defaults.key("172.32.0.9")); // just outside 172.16/12
        assertEquals("100.128.0.0/24", defaults.key("100.128.0.1")); // just outside 100.64/10
        assertEquals("2001:db8:1::/48", defaults.key("2001:db8:1:2::5"));
    }

    @Test
    void nonAddressesAreTokensAndHostNamesAreNotParsedAsAddresses() {
        assertEquals("ec2.amazonaws.com", defaults.key("ec2.amazonaws.com"));
        assertEquals("aws internal", defaults.key("AWS Internal"));
        assertNull(SameNetworks.literal("example.invalid"));
        assertNull(SameNetworks.literal("1.2.3"));
        assertNull(SameNetworks.literal("cafe")); // hex letters alone are not an IPv6 literal
    }

    @Test
    void aCustomListAndAnEmptyOne() {
        SameNetworks custom = SameNetworks.parse("203.0.113.0/24, 198.51.100.0/23");
        assertEquals(SameNetworks.SAME, custom.key("198.51.101.7"));
        assertEquals("10.0.0.0/24", custom.key("10.0.0.1"));
        assertEquals("10.0.0.0/24", SameNetworks.parse("").key("10.0.0.1"));
    }

    @Test
    void badRangesAreRejectedWithTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SameNetworks.parse("10.0.0.0/8,10.0.0/33"));
        assertTrue(e.getMessage().contains("'10.0.0/33'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SameNetworks.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> SameNetworks.parse("corp.example.com/8"));
    }
}
