package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nhidrift.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every skip text the adapters write falls in the category it means; the wrong format is told by field names. */
@UnitTest
class SkipReasonTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "AWS_SERVICE  | not attributed to a credential: AWSService",
        "AWS_SERVICE  | not attributed to a credential: invoked by ec2.amazonaws.com",
        "NO_PRINCIPAL | not attributed to a credential: no userIdentity",
        "NO_PRINCIPAL | not attributed to a credential: AssumedRole without sessionIssuer.arn or assumed-role arn",
        "NO_PRINCIPAL | not attributed to a credential: no principal (IAMUser)",
        "NO_PRINCIPAL | not attributed to a credential: no principal (no identity type)",
        "NOT_AN_EVENT | EventBridge detail-type 'Scheduled Event' is not a CloudTrail API call",
        "MALFORMED    | malformed record: eventTime is not a time",
        "MALFORMED    | rejected item 3: not a JSON object",
        "MALFORMED    | rejected item 4: no time",
        "MALFORMED    | logEvents[2] has no message text",
        "MALFORMED    | logEvents[5] unreadable: bad gzip",
        "NOT_AN_EVENT | no protoPayload (not an audit log entry)",
        "NO_PRINCIPAL | no principalEmail or principalSubject",
        "NOT_AN_EVENT | stage RequestReceived not counted",
        "NO_PRINCIPAL | no user.username",
        "NO_PRINCIPAL | no credential field",
        "NOT_AN_EVENT | no class_uid",
        "NOT_AN_EVENT | class_uid 3002 is not API Activity (6003)",
        "NO_PRINCIPAL | no actor user or credential",
        "NOT_AN_EVENT | CloudWatch Logs control message (no log events)",
        "NOT_AN_EVENT | category AuditLogs is not a sign-in log",
        "NOT_AN_EVENT | not a sign-in record (no category, no createdDateTime)",
        "NO_PRINCIPAL | service-principal sign-in without servicePrincipalId or appId",
        "NO_PRINCIPAL | user sign-in without userPrincipalName or userId",
        "NOT_AN_EVENT | resultType Start (begin marker) not counted",
        "NO_PRINCIPAL | no caller (no appid/upn claim, caller or oid)",
        "NO_PRINCIPAL | no token_id, hashed_token or actor",
        "NO_PRINCIPAL | no authenticated consumer",
        "WRONG_FORMAT | looks like k8s-audit, not cloudtrail",
        "OTHER        | something no adapter says",
    })
    void eachAdapterSkipTextHasItsCategory(SkipReason expected, String reason) {
        assertEquals(expected, SkipReason.classify(reason));
    }

    @Test
    void aCloudTrailAwsServiceEventIsSkippedAsAwsService() throws AdapterException {
        String record = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventSource\":\"kms.amazonaws.com\","
                + "\"eventName\":\"Decrypt\",\"eventID\":\"e1\",\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"s3.amazonaws.com\"}}";
        List<String> skipped = Adapters.create("cloudtrail").parse(record.getBytes(StandardCharsets.UTF_8)).skipped();
        assertEquals(1, skipped.size(), skipped.toString());
        assertEquals(SkipReason.AWS_SERVICE, SkipReason.classify(skipped.get(0)));
    }

    @Test
    void labelsAreTheMetricTags() {
        assertEquals("aws-service", SkipReason.AWS_SERVICE.label());
        assertEquals("wrong-format", SkipReason.WRONG_FORMAT.label());
    }

    @ParameterizedTest(name = "{1} read as {0}")
    @CsvSource(delimiter = '|', value = {
        "cloudtrail   | k8s-audit    | {\"kind\":\"Event\",\"auditID\":\"a\",\"verb\":\"get\",\"user\":{\"username\":\"u\"},\"objectRef\":{}}",
        "k8s-audit    | cloudtrail   | {\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"userIdentity\":{\"type\":\"AWSService\"}}",
        "cloudtrail   | gcp-audit    | {\"protoPayload\":{\"methodName\":\"x\"},\"timestamp\":\"2024-01-01T00:00:00Z\"}",
        "cloudtrail   | kong         | {\"started_at\":1,\"request\":{\"uri\":\"/\"}}",
        "cloudtrail   | azure-activity | {\"operationName\":\"x\",\"category\":\"Administrative\",\"properties\":{}}",
        "cloudtrail   | github-audit | {\"action\":\"repo.create\",\"actor\":\"octocat\"}",
        "github-audit | ocsf         | {\"class_uid\":6003,\"actor\":{}}",
    })
    void aRecordOfAnotherFormatIsNamed(String readAs, String looksLike, String record) {
        String reason = FormatFingerprint.wrongFormat(record.getBytes(StandardCharsets.UTF_8), readAs);
        assertEquals("looks like " + looksLike + ", not " + readAs, reason);
        assertEquals(looksLike, FormatFingerprint.looksLike(reason));
        assertEquals(SkipReason.WRONG_FORMAT, SkipReason.classify(reason));
    }

    @Test
    void aRecordOfItsOwnFormatOrOfNoKnownShapeIsNotTheWrongFormat() {
        byte[] cloudTrail = "{\"eventSource\":\"s3\",\"eventName\":\"x\",\"userIdentity\":{}}".getBytes(StandardCharsets.UTF_8);
        assertNull(FormatFingerprint.wrongFormat(cloudTrail, "cloudtrail"));
        assertNull(FormatFingerprint.wrongFormat("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "cloudtrail"));
        assertNull(FormatFingerprint.wrongFormat("not json".getBytes(StandardCharsets.UTF_8), "cloudtrail"));
        assertNull(FormatFingerprint.wrongFormat("[1,2]".getBytes(StandardCharsets.UTF_8), "cloudtrail"));
        byte[] azure = "{\"operationName\":\"x\",\"properties\":{}}".getBytes(StandardCharsets.UTF_8);
        assertNull(FormatFingerprint.wrongFormat(azure, "azure-signin"), "the two Azure formats are one family");
    }
}
