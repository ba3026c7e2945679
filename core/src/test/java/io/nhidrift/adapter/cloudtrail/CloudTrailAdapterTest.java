package io.nhidrift.adapter.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class CloudTrailAdapterTest {

    private final CloudTrailAdapter adapter = new CloudTrailAdapter();

    static final String IAM_USER = """
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE",
             "arn":"arn:aws:iam::123456789012:user/ci-bot","accountId":"123456789012",
             "accessKeyId":"AKIAEXAMPLEKEY000001","userName":"ci-bot"},
             "eventTime":"2023-07-10T11:42:01Z","eventSource":"s3.amazonaws.com","eventName":"HeadObject",
             "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7",
             "userAgent":"[aws-cli/1.18.69 Python/3.8.5 botocore/1.17.0]",
             "requestParameters":{"bucketName":"exports","key":"2023/07/10.csv","Host":"exports.s3.amazonaws.com"},
             "responseElements":null,"requestID":"R1","eventID":"e-iam-user","readOnly":true,
             "eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"123456789012",
             "eventCategory":"Data","resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::exports/2023/07/10.csv"}]}
            """;

    static final String ASSUMED_ROLE = """
            {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole",
             "principalId":"AROAEXAMPLE:i-0abc","arn":"arn:aws:sts::123:assumed-role/x/i-0abc",
             "accountId":"123","accessKeyId":"ASIAEXAMPLESESSION01",
             "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE",
               "arn":"arn:aws:iam::123:role/service-role/x","accountId":"123","userName":"x"},
               "attributes":{"creationDate":"2023-07-10T11:00:00Z","mfaAuthenticated":"false"}}},
             "eventTime":"2023-07-10T11:54:48Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances",
             "awsRegion":"us-east-1","sourceIPAddress":"ec2.amazonaws.com","userAgent":"aws-sdk-go-v2/1.18.0",
             "errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation.",
             "requestParameters":{},"eventID":"e-role","readOnly":true,"eventType":"AwsApiCall",
             "managementEvent":true,"recipientAccountId":"123","eventCategory":"Management"}
            """;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private UsageEvent one(String json) throws AdapterException {
        ParseResult r = adapter.parse(b(json));
        assertEquals(1, r.events().size(), () -> "skipped: " + r.skipped());
        assertTrue(r.skipped().isEmpty());
        return r.events().get(0);
    }

    @Test
    void iamUserWithAccessKey() throws Exception {
        UsageEvent e = one(IAM_USER);
        assertEquals("cloudtrail", e.getSource());
        assertEquals("e-iam-user", e.getEventId());
        assertEquals("AKIAEXAMPLEKEY000001", e.getCredentialId());
        assertEquals("aws_access_key", e.getCredentialKind());
        assertEquals("arn:aws:iam::123456789012:user/ci-bot", e.getPrincipal());
        assertEquals("s3:GetObject", e.getAction());
        assertEquals(Instant.parse("2023-07-10T11:42:01Z").toEpochMilli(), e.getEventTime());
        assertFalse(e.getDenied());
        assertNull(e.getErrorCode());
        assertEquals("203.0.113.7", e.getSourceIp());
        assertEquals("aws-cli/1.18.69 Python/3.8.5 botocore/1.17.0", e.getUserAgent(), "brackets stripped");
        assertEquals("exports/2023/07/10.csv", e.getResource());
        assertEquals("us-east-1", e.getAttributes().get("awsRegion"));
        assertEquals("123456789012", e.getAttributes().get("recipientAccountId"));
        assertEquals("123456789012", e.getAttributes().get("accountId"));
        assertEquals("IAMUser", e.getAttributes().get("userIdentityType"));
        assertEquals("AKIAEXAMPLEKEY000001", e.getAttributes().get("accessKeyId"));
        assertEquals("HeadObject", e.getAttributes().get("eventName"));
        assertEquals("s3.amazonaws.com", e.getAttributes().get("eventSource"));
        assertEquals("true", e.getAttributes().get("readOnly"));
        assertEquals("false", e.getAttributes().get("managementEvent"));
        assertEquals("Data", e.getAttributes().get("eventCategory"));
        assertEquals("AwsApiCall", e.getAttributes().get("eventType"));
    }

    @Test
    void assumedRoleWithPathIsDeniedAndKeepsSession() throws Exception {
        UsageEvent e = one(ASSUMED_ROLE);
        assertEquals("arn:aws:iam::123:role/service-role/x", e.getCredentialId());
        assertEquals("aws_role", e.getCredentialKind());
        assertEquals("arn:aws:sts::123:assumed-role/x/i-0abc", e.getPrincipal());
        assertEquals("ec2:DescribeInstances", e.getAction());
        assertTrue(e.getDenied());
        assertEquals("Client.UnauthorizedOperation", e.getErrorCode());
        assertEquals("ec2.amazonaws.com", e.getSourceIp(), "service names are kept as the source");
        assertEquals("ASIAEXAMPLESESSION01", e.getAttributes().get("accessKeyId"));
        assertEquals("i-0abc", e.getAttributes().get("sessionName"));
        assertEquals("AssumedRole", e.getAttributes().get("userIdentityType"));
        assertEquals("Client.UnauthorizedOperation", e.getAttributes().get("errorCode"));
        assertEquals("You are not authorized to perform this operation.", e.getAttributes().get("errorMessage"));
        assertNull(e.getResource());
    }

    @Test
    void assumedRoleWithoutIssuerIsDerivedFromStsArn() throws Exception {
        UsageEvent e = one("""
                {"userIdentity":{"type":"AssumedRole","principalId":"AROA:dev",
                 "arn":"arn:aws:sts::123456789123:assumed-role/DevAdministrator/test_user",
                 "accessKeyId":"ASIA3JHVJH35KB7LJHV2","sessionContext":{"sessionIssuer":{"type":"lambda"}}},
                 "eventTime":"2024-01-01T00:00:00Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers",
                 "eventID":"x1"}
                """);
        assertEquals("arn:aws:iam::123456789123:role/DevAdministrator", e.getCredentialId());
        assertEquals("test_user", e.getAttributes().get("sessionName"));
        assertEquals("arn:aws-us-gov:iam::1:role/r",
                CloudTrailIdentity.roleArnFromAssumedRoleArn("arn:aws-us-gov:sts::1:assumed-role/r/s"));
        assertNull(CloudTrailIdentity.roleArnFromAssumedRoleArn("arn:aws:iam::1:user/u"));
    }

    @Test
    void assumedRoleWithoutAnyArnIsSkipped() throws Exception {
        ParseResult r = adapter.parse(b("""
                {"userIdentity":{"type":"AssumedRole","principalId":"AROA:dev"},
                 "eventTime":"2024-01-01T00:00:00Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers"}
                """));
        assertEquals(0, r.events().size());
        assertTrue(r.skipped().get(0).startsWith("not attributed to a credential: AssumedRole"), r.skipped().toString());
    }

    @Test
    void otherPrincipalsUseTheArn() throws Exception {
        String tpl = """
                {"userIdentity":%s,"eventTime":"2024-01-01T00:00:00Z","eventSource":"sts.amazonaws.com",
                 "eventName":"GetCallerIdentity","eventID":"id"}
                """;
        UsageEvent root = one(tpl.formatted(
                "{\"type\":\"Root\",\"arn\":\"arn:aws:iam::123456789012:root\",\"principalId\":\"123456789012\",\"accessKeyId\":\"\"}"));
        assertEquals("arn:aws:iam::123456789012:root", root.getCredentialId());
        assertEquals("other", root.getCredentialKind());

        UsageEvent fed = one(tpl.formatted("{\"type\":\"FederatedUser\",\"principalId\":\"1:stratus\","
                + "\"arn\":\"arn:aws:sts::1:federated-user/stratus\",\"accessKeyId\":\"ASIAFED\"}"));
        assertEquals("arn:aws:sts::1:federated-user/stratus", fed.getCredentialId());
        assertEquals("other", fed.getCredentialKind());
        assertEquals("ASIAFED", fed.getAttributes().get("accessKeyId"));

        UsageEvent consoleUser = one(tpl.formatted("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/alice\","
                + "\"accessKeyId\":\"ASIACONSOLESESSION\"}"));
        assertEquals("arn:aws:iam::1:user/alice", consoleUser.getCredentialId(), "IAMUser session keys are not AKIA");
        assertEquals("other", consoleUser.getCredentialKind());

        UsageEvent account = one(tpl.formatted(
                "{\"type\":\"AWSAccount\",\"principalId\":\"AROAEXAMPLE:session-name\",\"accountId\":\"111111111111\"}"));
        assertEquals("AROAEXAMPLE:session-name", account.getCredentialId(), "no arn: principalId as a last resort");
        assertNull(account.getPrincipal());

        UsageEvent idc = one(tpl.formatted("{\"type\":\"IdentityCenterUser\",\"accountId\":\"1\","
                + "\"onBehalfOf\":{\"userId\":\"u-1\"},\"principalId\":\"1:u-1\"}"));
        assertEquals("1:u-1", idc.getCredentialId());

        ParseResult none = adapter.parse(b(tpl.formatted("{\"type\":\"Unknown\",\"accountId\":\"1\"}")));
        assertEquals("not attributed to a credential: no principal (Unknown)", none.skipped().get(0));
    }

    @Test
    void serviceEventsAreNotAttributed() throws Exception {
        ParseResult r = adapter.parse(b("""
                {"userIdentity":{"type":"AWSService","invokedBy":"rds.amazonaws.com"},
                 "eventTime":"2023-07-10T11:42:01Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole",
                 "sourceIPAddress":"rds.amazonaws.com","eventID":"s1"}
                """));
        assertEquals(0, r.events().size());
        assertEquals(java.util.List.of("not attributed to a credential: AWSService"), r.skipped());

        ParseResult invoked = adapter.parse(b("""
                {"userIdentity":{"accountId":"1","invokedBy":"secretsmanager.amazonaws.com"},
                 "eventTime":"2023-07-10T11:42:01Z","eventSource":"secretsmanager.amazonaws.com",
                 "eventName":"EndSecretVersionDelete"}
                """));
        assertEquals("not attributed to a credential: invoked by secretsmanager.amazonaws.com", invoked.skipped().get(0));

        ParseResult noIdentity = adapter.parse(b("""
                {"eventTime":"2023-07-10T11:42:01Z","eventSource":"health.amazonaws.com","eventName":"X"}
                """));
        assertEquals("not attributed to a credential: no userIdentity", noIdentity.skipped().get(0));
    }

    @Test
    void s3DeliveryArrayAndConcatenatedValues() throws Exception {
        String s3 = "{\"Records\":[" + IAM_USER + "," + ASSUMED_ROLE + "]}";
        ParseResult r = adapter.parse(b(s3));
        assertEquals(2, r.events().size());
        assertEquals("AKIAEXAMPLEKEY000001", r.events().get(0).getCredentialId());
        assertEquals("arn:aws:iam::123:role/service-role/x", r.events().get(1).getCredentialId());

        ParseResult arr = adapter.parse(b("[" + IAM_USER + "," + ASSUMED_ROLE
                + ",{\"eventSource\":\"x.amazonaws.com\"}, 42]"));
        assertEquals(2, arr.events().size());
        assertEquals(2, arr.skipped().size());
        assertEquals("malformed record: not a CloudTrail event (no eventName)", arr.skipped().get(0));
        assertEquals("malformed record: not a JSON object but NUMBER", arr.skipped().get(1));

        ParseResult ndjson = adapter.parse(b(IAM_USER.replace('\n', ' ') + "\n" + ASSUMED_ROLE.replace('\n', ' ') + "\n"));
        assertEquals(2, ndjson.events().size());

        ParseResult empty = adapter.parse(b("{\"Records\":[]}"));
        assertTrue(empty.events().isEmpty() && empty.skipped().isEmpty());
    }

    @Test
    void gzippedS3Delivery() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(b("{\"Records\":[" + IAM_USER + "]}"));
        }
        assertEquals(1, adapter.parse(bos.toByteArray()).events().size());
    }

    @Test
    void eventBridgeEnvelope() throws Exception {
        String env = """
                {"version":"0","id":"6f8e","detail-type":"AWS API Call via CloudTrail","source":"aws.s3",
                 "account":"123456789012","time":"2023-07-10T11:42:01Z","region":"us-east-1","resources":[],
                 "detail":%s}
                """.formatted(IAM_USER);
        UsageEvent e = one(env);
        assertEquals("AKIAEXAMPLEKEY000001", e.getCredentialId());
        assertEquals("e-iam-user", e.getEventId());

        ParseResult other = adapter.parse(b("""
                {"version":"0","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2",
                 "detail":{"instance-id":"i-1","state":"running"}}
                """));
        assertEquals(0, other.events().size());
        assertEquals("EventBridge detail-type 'EC2 Instance State-change Notification' is not a CloudTrail API call",
                other.skipped().get(0));
    }

    @Test
    void logstashTimestampAndMissingEventId() throws Exception {
        String rec = IAM_USER.replace("\"eventTime\":\"2023-07-10T11:42:01Z\"", "\"@timestamp\":\"2023-07-10T11:42:01.250Z\"")
                .replace("\"eventID\":\"e-iam-user\",", "");
        UsageEvent e = one(rec);
        assertEquals(Instant.parse("2023-07-10T11:42:01.250Z").toEpochMilli(), e.getEventTime());
        assertTrue(e.getEventId().startsWith("sha256:"));
        assertEquals(e.getEventId(), one(rec).getEventId(), "content id is stable");
        // The same record inside an array gets the same content id.
        assertEquals(e.getEventId(), adapter.parse(b("[" + rec + "]")).events().get(0).getEventId());
        assertEquals(Events.contentId(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(rec).toString()), e.getEventId());
    }

    @Test
    void zonelessTimesAreUtc() throws Exception {
        UsageEvent e = one(IAM_USER.replace("2023-07-10T11:42:01Z", "2023-07-10 11:42:01.000000000"));
        assertEquals(Instant.parse("2023-07-10T11:42:01Z").toEpochMilli(), e.getEventTime());
    }

    @Test
    void missingOrBadTimeFailsASingleRecordAndIsSkippedInAContainer() {
        String noTime = IAM_USER.replace("\"eventTime\":\"2023-07-10T11:42:01Z\",", "");
        AdapterException ex = assertThrows(AdapterException.class, () -> adapter.parse(b(noTime)));
        assertEquals("no eventTime or @timestamp", ex.getMessage());
        String badTime = IAM_USER.replace("2023-07-10T11:42:01Z", "yesterday");
        assertEquals("unreadable eventTime 'yesterday'",
                assertThrows(AdapterException.class, () -> adapter.parse(b(badTime))).getMessage());
        assertThrows(AdapterException.class, () -> adapter.parse(b("{\"Name\":\"trail\",\"EventSelectors\":[]}")));
        ParseResult r = assertDoesNotThrow(() -> adapter.parse(b("[" + noTime + "," + IAM_USER + "]")));
        assertEquals(1, r.events().size());
        assertEquals(java.util.List.of("malformed record: no eventTime or @timestamp"), r.skipped());
    }

    @Test
    void unreadableInputThrowsOnlyAdapterException() {
        for (String bad : new String[] {"", "{", "not json", "\"str\"", "{\"a\":1} trailing", "null", "[1,"}) {
            assertThrows(AdapterException.class, () -> adapter.parse(b(bad)), bad);
        }
        assertThrows(AdapterException.class, () -> adapter.parse(b(IAM_USER + " trailing")));
        assertThrows(AdapterException.class, () -> adapter.parse(b("[" + IAM_USER + "] {")));
        assertThrows(AdapterException.class, () -> adapter.parse(null));
        assertThrows(AdapterException.class, () -> adapter.parse(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}));
    }

    @Test
    void deniedErrorCodes() {
        for (String c : new String[] {"AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation",
                "UnauthorizedOperation", "UnauthorizedAccess", "Forbidden", "forbidden", "VpceAccessDenied"}) {
            assertTrue(CloudTrailRecordMapper.isDenied(c), c);
        }
        for (String c : new String[] {"ThrottlingException", "NoSuchEntity", "ExpiredToken", "", null}) {
            assertFalse(CloudTrailRecordMapper.isDenied(c), String.valueOf(c));
        }
    }

    @Test
    void throttledCallIsNotDeniedButKeepsErrorCode() throws Exception {
        UsageEvent e = one(ASSUMED_ROLE.replace("Client.UnauthorizedOperation", "ThrottlingException"));
        assertFalse(e.getDenied());
        assertEquals("ThrottlingException", e.getErrorCode());
    }

    @Test
    void pantherQuirkKeys() throws Exception {
        UsageEvent e = one("""
                {"awsregion":"eu-west-1","eventid":"q1","eventname":"GetRecords","eventsource":"dynamodb.amazonaws.com",
                 "eventtime":"2023-01-10 21:04:02","eventtype":"AwsApiCall",
                 "useridentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/u","principalid":"AIDA",
                 "accesKeyId":"AKIAQUIRKYKEY0000001"}}
                """);
        assertEquals("AKIAQUIRKYKEY0000001", e.getCredentialId());
        assertEquals("q1", e.getEventId());
        assertEquals("dynamodb:GetRecords", e.getAction());
        assertEquals("eu-west-1", e.getAttributes().get("awsRegion"));

        UsageEvent lower = one("""
                {"eventName":"ListBuckets","eventSource":"s3.amazonaws.com","eventTime":"2024-01-01T00:00:00Z",
                 "userIdentity":{"type":"AssumedRole","accesskeyid":"ASIAX","arn":"arn:aws:sts::1:assumed-role/r/s",
                 "sessioncontext":{"sessionissuer":{"arn":"arn:aws:iam::1:role/team/r"}}}}
                """);
        assertEquals("arn:aws:iam::1:role/team/r", lower.getCredentialId());
        assertEquals("ASIAX", lower.getAttributes().get("accessKeyId"));
        assertEquals("s3:ListAllMyBuckets", lower.getAction());
    }

    @Test
    void secretsInAgentsAndMessagesAreRedacted() throws Exception {
        UsageEvent e = one(IAM_USER.replace("[aws-cli/1.18.69 Python/3.8.5 botocore/1.17.0]",
                        "curl/8.0 Bearer abcdefghijklmnopqrstuvwxyz")
                .replace("\"eventType\"", "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB\",\"eventType\""));
        assertFalse(e.getUserAgent().contains("abcdefghijklmnop"), e.getUserAgent());
        assertFalse(e.getAttributes().get("errorMessage").contains("ghp_"), e.getAttributes().get("errorMessage"));
        assertTrue(e.getDenied());
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}
