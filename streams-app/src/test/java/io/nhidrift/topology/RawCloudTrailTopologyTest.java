package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.TopologyTest;

/** Raw CloudTrail through normalization and detection: the action vocabulary near-misses, and the dead-letter path. */
@TopologyTest
class RawCloudTrailTopologyTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";
    private final DriftHarness h = new DriftHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private static String record(String id, String source, String name, String time, String identity) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":" + identity + ",\"eventTime\":\"" + time + "\","
                + "\"eventSource\":\"" + source + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"10.1.2.3\",\"userAgent\":\"aws-cli/2.13.5\",\"eventID\":\"" + id + "\"}";
    }

    private static String user(String key) {
        return "{\"type\":\"IAMUser\",\"principalId\":\"AIDAX\",\"arn\":\"arn:aws:iam::123456789012:user/exporter\","
                + "\"accountId\":\"123456789012\",\"accessKeyId\":\"" + key + "\",\"userName\":\"exporter\"}";
    }

    @Test
    void eventNamesMapToTheActionsThatAuthorizeThem() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "cloudwatch:*", "lambda:UpdateFunctionCode",
                "lambda:GetFunction", "s3:ListBucket"));
        h.rawCloudTrail("{\"Records\":[" + String.join(",",
                record("e1", "monitoring.amazonaws.com", "PutMetricData", "2026-07-02T00:00:00Z", user(KEY)),
                record("e2", "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", "2026-07-02T00:01:00Z", user(KEY)),
                record("e3", "lambda.amazonaws.com", "GetFunction20150331v2", "2026-07-02T00:02:00Z", user(KEY)),
                record("e4", "s3.amazonaws.com", "ListObjects", "2026-07-02T00:03:00Z", user(KEY)),
                record("e5", "s3.amazonaws.com", "ListObjectsV2", "2026-07-02T00:04:00Z", user(KEY))) + "]}");
        assertEquals(List.of(), h.types());
    }

    @Test
    void awsServiceEventsAreNotAttributedToAnyCredential() {
        h.rawCloudTrail(record("e1", "sts.amazonaws.com", "AssumeRole", "2026-07-02T00:00:00Z",
                "{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}"));
        assertEquals(List.of(), h.types());
        assertEquals(List.of(), h.deadLetters());
    }

    @Test
    void assumedRoleIsAttributedToTheRoleArn() {
        String role = "{\"type\":\"AssumedRole\",\"principalId\":\"AROAX:i-0abc\",\"arn\":\"arn:aws:sts::123456789012:assumed-role/deployer/i-0abc\","
                + "\"accountId\":\"123456789012\",\"accessKeyId\":\"ASIAXYZ\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
                + "\"arn\":\"arn:aws:iam::123456789012:role/ci/deployer\",\"userName\":\"deployer\"}}}";
        h.rawCloudTrail(record("e1", "iam.amazonaws.com", "CreateUser", "2026-07-02T00:00:00Z", role));
        assertEquals("arn:aws:iam::123456789012:role/ci/deployer", h.alerts().get(0).get("credentialId").asText());
        assertEquals("UNKNOWN_CREDENTIAL", h.alerts().get(0).get("type").asText());
    }

    @Test
    void unparseableRecordsGoToTheDeadLetterTopicWithReasonAndOriginalBytes() {
        byte[] garbage = "{\"Records\": [ truncated".getBytes(StandardCharsets.UTF_8);
        h.driver().createInputTopic("nhi.raw.cloudtrail", new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer()).pipeInput("k".getBytes(), garbage);
        h.inventory("{\"credentialId\":\"X\",\"kind\":\"spaceship\",\"grants\":[]}");
        List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
        assertEquals(2, dead.size());
        assertArrayEquals(garbage, dead.get(0).value());
        assertEquals("cloudtrail", DeadLetters.header(dead.get(0).headers(), DeadLetters.FORMAT));
        assertEquals("nhi.raw.cloudtrail", DeadLetters.header(dead.get(0).headers(), DeadLetters.TOPIC));
        assertEquals("0", DeadLetters.header(dead.get(0).headers(), DeadLetters.OFFSET));
        assertEquals(true, DeadLetters.header(dead.get(0).headers(), DeadLetters.REASON).startsWith("invalid JSON"));
        assertEquals(true, DeadLetters.header(dead.get(1).headers(), DeadLetters.REASON).contains("unknown kind 'spaceship'"));
        // the pipeline goes on
        h.use("AKIAUNKNOWN000000099", "s3:GetObject", "2026-07-02T00:00:00Z");
        assertEquals(List.of("UNKNOWN_CREDENTIAL"), h.types());
    }
}
