package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.testing.TopologyTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SESSION_CREDENTIAL_MOVED (CONTRACT section 4): a stolen session fires, once; the legitimate patterns do not.
 * Each case runs in both time modes: as {@code replay} runs it and as the live service runs it.
 */
@TopologyTest
class SessionMovedDetectionTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/app-instance-role";
    private static final String SA = "system:serviceaccount:prod:api";

    private static DriftHarness harness(TimeMode mode) {
        DriftHarness h = new DriftHarness(Map.of(), mode);
        if (mode == TimeMode.LIVE) {
            h.wallClock("2026-07-10T00:00:00Z");
        }
        h.inventory(entitlement(ROLE, "2026-07-01T00:00:00Z", "s3:*", "sts:GetCallerIdentity", "ec2:Describe*"));
        return h;
    }

    private static UsageEvent aws(DriftHarness h, String session, String time, String ip, String agent, String... kv) {
        UsageEvent.Builder b = h.call(ROLE, "s3:GetObject", time).setSourceIp(ip).setUserAgent(agent);
        b.getAttributes().put("userIdentityType", "AssumedRole");
        b.getAttributes().put("accessKeyId", session);
        b.getAttributes().put("recipientAccountId", "111122223333");
        for (int i = 0; i + 1 < kv.length; i += 2) {
            b.getAttributes().put(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    private static UsageEvent k8s(DriftHarness h, String token, String time, String ip) {
        UsageEvent.Builder b = h.call(SA, "secrets:get", time).setSource("k8s-audit").setSourceIp(ip)
                .setUserAgent("kube-client/1.29");
        b.getAttributes().put("authentication.kubernetes.io/credential-id", token);
        return b.build();
    }

    private static List<String> moved(DriftHarness h) {
        return h.alerts("SESSION_CREDENTIAL_MOVED").stream()
                .map(a -> a.get("credentialId").asText() + " " + a.get("subject").asText()).toList();
    }

    @ParameterizedTest
    @EnumSource(TimeMode.class)
    void anInstanceSessionUsedFromAnotherNetworkFiresOnceWithBothNetworks(TimeMode mode) {
        try (DriftHarness h = harness(mode)) {
            h.event(aws(h, "ASIAEXAMPLESESSION01", "2026-07-02T10:00:00Z", "3.225.16.109", "aws-sdk-go-v2/1.21"));
            h.event(aws(h, "ASIAEXAMPLESESSION01", "2026-07-02T10:05:00Z", "198.51.100.20", "aws-cli/2.13.5"));
            h.event(aws(h, "ASIAEXAMPLESESSION01", "2026-07-02T10:06:00Z", "203.0.113.9", "aws-cli/2.13.5"));
            assertEquals(List.of(ROLE + " session:ASIAEXAMPLESESSION01"), moved(h));
            JsonNode evidence = h.alerts("SESSION_CREDENTIAL_MOVED").get(0).get("evidence");
            String text = evidence.toString();
            assertEquals(true, text.contains("3.225.16.0/24") && text.contains("198.51.100.0/24"), text);
        }
    }

    @ParameterizedTest
    @EnumSource(TimeMode.class)
    void deniedCallsFromTheThiefCount(TimeMode mode) {
        try (DriftHarness h = harness(mode)) {
            h.event(aws(h, "ASIAEXAMPLESESSION02", "2026-07-02T10:00:00Z", "3.225.16.109", "aws-sdk-go-v2/1.21"));
            UsageEvent denied = aws(h, "ASIAEXAMPLESESSION02", "2026-07-02T10:05:00Z", "198.51.100.20", "aws-cli/2.13.5");
            denied.setDenied(true);
            denied.setErrorCode("AccessDenied");
            h.event(denied);
            assertEquals(List.of(ROLE + " session:ASIAEXAMPLESESSION02"), moved(h));
        }
    }

    @ParameterizedTest
    @EnumSource(TimeMode.class)
    void legitimatePatternsDoNotFire(TimeMode mode) {
        try (DriftHarness h = harness(mode)) {
            // the same session through the account's own VPC endpoint and through the NAT (private addresses)
            h.event(aws(h, "ASIAEXAMPLESESSION03", "2026-07-02T10:00:00Z", "10.0.1.17", "aws-sdk-java/2.20"));
            h.event(aws(h, "ASIAEXAMPLESESSION03", "2026-07-02T10:01:00Z", "172.31.40.2", "aws-sdk-java/2.20",
                    "vpcEndpointId", "vpce-0abc", "vpcEndpointAccountId", "111122223333"));
            h.event(aws(h, "ASIAEXAMPLESESSION03", "2026-07-02T10:02:00Z", "192.168.7.7", "aws-sdk-java/2.20"));
            // provider-internal calls: neither origin nor move
            h.event(aws(h, "ASIAEXAMPLESESSION04", "2026-07-02T11:00:00Z", "AWS Internal", "AWS Internal"));
            h.event(aws(h, "ASIAEXAMPLESESSION04", "2026-07-02T11:01:00Z", "ec2.amazonaws.com", "ec2.amazonaws.com"));
            h.event(aws(h, "ASIAEXAMPLESESSION04", "2026-07-02T11:02:00Z", "3.225.16.109", "aws-sdk-go-v2/1.21"));
            h.event(aws(h, "ASIAEXAMPLESESSION04", "2026-07-02T11:03:00Z", "3.225.16.200", "aws-sdk-go-v2/1.21")); // same /24
            // a new session of the same role from another network is a new origin, not a move
            h.event(aws(h, "ASIAEXAMPLESESSION05", "2026-07-02T12:00:00Z", "52.1.2.3", "aws-sdk-go-v2/1.21"));
            assertEquals(List.of(), moved(h));
        }
    }

    @ParameterizedTest
    @EnumSource(TimeMode.class)
    void aVpcEndpointOfAnotherAccountIsNotInternal(TimeMode mode) {
        try (DriftHarness h = harness(mode)) {
            h.event(aws(h, "ASIAEXAMPLESESSION06", "2026-07-02T10:00:00Z", "10.0.1.17", "aws-sdk-java/2.20"));
            h.event(aws(h, "ASIAEXAMPLESESSION06", "2026-07-02T10:01:00Z", "10.9.9.9", "aws-sdk-java/2.20",
                    "vpcEndpointId", "vpce-0bad", "vpcEndpointAccountId", "999988887777")); // private, but same-networks
            h.event(aws(h, "ASIAEXAMPLESESSION06", "2026-07-02T10:02:00Z", "45.33.32.156", "curl/8.0",
                    "vpcEndpointId", "vpce-0bad", "vpcEndpointAccountId", "999988887777"));
            assertEquals(List.of(ROLE + " session:ASIAEXAMPLESESSION06"), moved(h));
        }
    }

    @ParameterizedTest
    @EnumSource(TimeMode.class)
    void aPodTokenUsedOutsideTheClusterFiresForUnknownMachineIdentitiesToo(TimeMode mode) {
        try (DriftHarness h = harness(mode)) { // the service account is not in the inventory
            h.event(k8s(h, "JTI=7f1c2a", "2026-07-02T10:00:00Z", "10.244.1.7"));
            h.event(k8s(h, "JTI=7f1c2a", "2026-07-02T10:00:30Z", "10.244.1.7"));
            h.event(k8s(h, "JTI=7f1c2a", "2026-07-02T10:10:00Z", "198.51.100.20"));
            h.event(k8s(h, "JTI=99aa00", "2026-07-02T10:11:00Z", "198.51.100.21")); // another token: its own origin
            assertEquals(List.of(SA + " session:JTI=7f1c2a"), moved(h));
            assertEquals(1, h.alerts("UNKNOWN_CREDENTIAL").size());
        }
    }

    @ParameterizedTest
    @EnumSource(TimeMode.class)
    void humansAndThePlatformRaiseNoNhiAlerts(TimeMode mode) {
        try (DriftHarness h = harness(mode)) {
            UsageEvent.Builder human = h.call("minikube-user", "pods/exec:create", "2026-07-02T10:00:00Z").setSource("k8s-audit");
            h.event(human.build());
            UsageEvent.Builder node = h.call("system:node:worker-1", "pods:get", "2026-07-02T10:01:00Z").setSource("k8s-audit");
            h.event(node.build());
            UsageEvent.Builder console = h.call("arn:aws:iam::111122223333:user/alice", "signin:CheckMfa", "2026-07-02T10:02:00Z")
                    .setUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)");
            console.getAttributes().put("userIdentityType", "IAMUser");
            h.event(console.build());
            UsageEvent.Builder machine = h.call("system:serviceaccount:ci:runner", "pods:list", "2026-07-02T10:03:00Z").setSource("k8s-audit");
            h.event(machine.build());
            assertEquals(List.of("UNKNOWN_CREDENTIAL system:serviceaccount:ci:runner"),
                    h.alerts().stream().map(a -> a.get("type").asText() + " " + a.get("credentialId").asText()).toList());
        }
    }
}
