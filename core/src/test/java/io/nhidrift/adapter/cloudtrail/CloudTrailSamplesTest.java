package io.nhidrift.adapter.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

/**
 * Runs every CloudTrail record of the shared samples (read in place from {@code nhidrift.samples}, never copied)
 * through the adapter, prints the outcome table and pins the counts so coverage regressions show.
 */
@UnitTest
class CloudTrailSamplesTest {

    private static final ObjectMapper M = new ObjectMapper();
    private final CloudTrailAdapter adapter = new CloudTrailAdapter();

    /** Outcome counts of one source. */
    static final class Tally {
        final String source;
        int files;
        int records;
        int normalized;
        int skipped;
        int failed;
        final Map<String, Integer> reasons = new TreeMap<>();
        final List<UsageEvent> events = new ArrayList<>();

        Tally(String source) {
            this.source = source;
        }

        void add(ParseResult r) {
            normalized += r.events().size();
            skipped += r.skipped().size();
            events.addAll(r.events());
            for (String s : r.skipped()) {
                reasons.merge(s, 1, Integer::sum);
            }
        }

        void fail(AdapterException e, int recordCount) {
            failed += recordCount;
            reasons.merge("FAILED: " + e.getMessage(), recordCount, Integer::sum);
        }

        String row() {
            StringBuilder sb = new StringBuilder(String.format("%-28s files=%3d records=%5d normalized=%5d skipped=%4d failed=%3d%n",
                    source, files, records, normalized, skipped, failed));
            reasons.forEach((k, v) -> sb.append(String.format("    %5d  %s%n", v, k)));
            return sb.toString();
        }
    }

    private static Path dir() {
        return io.nhidrift.testing.Samples.resolve("aws_cloudtrail");
    }

    private static List<Path> files(Path d, String glob) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(glob)).sorted().toList();
        }
    }

    /** Whole files as the reader would hand them over (S3-delivery objects, JSON arrays). */
    private Tally wholeFiles(String source, Path d, boolean s3Delivery) throws IOException {
        Tally t = new Tally(source);
        for (Path f : files(d, ".json")) {
            byte[] raw = Files.readAllBytes(f);
            JsonNode tree = M.readTree(raw);
            int n = s3Delivery ? tree.get("Records").size() : tree.size();
            t.files++;
            t.records += n;
            try {
                t.add(adapter.parse(raw));
            } catch (AdapterException e) {
                t.fail(e, n);
            }
        }
        return t;
    }

    /** One record per parse call, to check per-record facts. */
    private List<Object> perRecord(Path d, boolean s3Delivery) throws IOException {
        List<Object> out = new ArrayList<>();
        for (Path f : files(d, ".json")) {
            JsonNode tree = M.readTree(f.toFile());
            for (JsonNode rec : s3Delivery ? tree.get("Records") : tree) {
                out.add(rec);
                try {
                    out.add(adapter.parse(rec.toString().getBytes(StandardCharsets.UTF_8)));
                } catch (AdapterException e) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Test
    void invictusS3DeliveryFiles() throws Exception {
        Path d = dir().resolve("invictus-ir_aws_dataset");
        Tally t = wholeFiles("invictus-ir_aws_dataset", d, true);
        System.out.print(t.row());
        assertEquals(55, t.files);
        assertEquals(2900, t.records);
        assertEquals(t.records, t.normalized + t.skipped + t.failed, "every record accounted for");
        assertEquals(2824, t.normalized, "IAMUser 2,748 + AssumedRole 76");
        assertEquals(76, t.skipped);
        assertEquals(0, t.failed);
        assertEquals(34, t.reasons.get("not attributed to a credential: AWSService"));
        assertEquals(40, t.reasons.get("not attributed to a credential: invoked by secretsmanager.amazonaws.com"));
        assertEquals(2, t.reasons.get("not attributed to a credential: invoked by ec2.amazonaws.com"));

        // Per-record facts.
        List<Object> pr = perRecord(d, true);
        int akia = 0;
        int roles = 0;
        for (int i = 0; i < pr.size(); i += 2) {
            JsonNode rec = (JsonNode) pr.get(i);
            ParseResult r = (ParseResult) pr.get(i + 1);
            JsonNode ui = rec.get("userIdentity");
            String type = ui.path("type").asText();
            String key = ui.path("accessKeyId").asText();
            if ("IAMUser".equals(type) && key.startsWith("AKIA")) {
                assertEquals(key, r.events().get(0).getCredentialId());
                assertEquals("aws_access_key", r.events().get(0).getCredentialKind());
                akia++;
            } else if ("AssumedRole".equals(type)) {
                UsageEvent e = r.events().get(0);
                assertEquals(ui.at("/sessionContext/sessionIssuer/arn").asText(), e.getCredentialId());
                assertTrue(e.getCredentialId().startsWith("arn:aws:iam::123837392027:role/"), e.getCredentialId());
                assertEquals(key.isEmpty() ? null : key, e.getAttributes().get("accessKeyId"));
                roles++;
            } else if ("AWSService".equals(type)) {
                assertEquals(List.of("not attributed to a credential: AWSService"), r.skipped());
            }
            assertEquals(rec.get("eventID").asText(),
                    r.events().isEmpty() ? rec.get("eventID").asText() : r.events().get(0).getEventId());
        }
        assertEquals(2182, akia);
        assertEquals(76, roles);

        // The drift story of the dataset: the EC2 instance role used from outside the instance.
        UsageEvent stolen = t.events.stream()
                .filter(e -> e.getCredentialId().equals(
                        "arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role")
                        && "192.168.10.20".equals(e.getSourceIp()))
                .findFirst().orElse(null);
        assertNotNull(stolen);
        assertTrue(stolen.getUserAgent().contains("aws-sdk-go-v2"), stolen.getUserAgent());
        assertTrue(t.events.stream().anyMatch(e -> "sts:GetCallerIdentity".equals(e.getAction())));
        assertTrue(t.events.stream().anyMatch(e -> e.getDenied() && "AccessDenied".equals(e.getErrorCode())));
        assertTrue(t.events.stream().noneMatch(e -> e.getUserAgent() != null && e.getUserAgent().startsWith("[")));
    }

    @Test
    void stratusRedTeamArrays() throws Exception {
        Path d = dir().resolve("stratus-red-team_detonation-logs");
        Tally t = wholeFiles("stratus-red-team_detonation-logs", d, false);
        System.out.print(t.row());
        assertEquals(35, t.files);
        assertEquals(310, t.records);
        assertEquals(t.records, t.normalized + t.skipped + t.failed, "every record accounted for");
        assertEquals(310, t.normalized);
        assertEquals(0, t.skipped);
        assertEquals(0, t.failed);

        List<Object> pr = perRecord(d, false);
        int roles = 0;
        for (int i = 0; i < pr.size(); i += 2) {
            JsonNode rec = (JsonNode) pr.get(i);
            UsageEvent e = ((ParseResult) pr.get(i + 1)).events().get(0);
            JsonNode ui = rec.get("userIdentity");
            if ("AssumedRole".equals(ui.path("type").asText())) {
                String acct = ui.path("accountId").asText();
                String roleName = ui.at("/sessionContext/sessionIssuer/userName").asText();
                if (roleName.startsWith("stratus-red-team-")) {
                    assertEquals("arn:aws:iam::" + acct + ":role/" + roleName, e.getCredentialId());
                    assertEquals("aws_role", e.getCredentialKind());
                    roles++;
                }
            } else if ("IAMUser".equals(ui.path("type").asText())) {
                String key = ui.path("accessKeyId").asText();
                assertEquals(key.startsWith("AKIA") ? key : ui.path("arn").asText(), e.getCredentialId());
            } else if ("FederatedUser".equals(ui.path("type").asText())) {
                assertEquals(ui.path("arn").asText(), e.getCredentialId());
            }
        }
        assertTrue(roles > 0);
        assertEquals(51, t.events.stream().filter(UsageEvent::getDenied).count(),
                "Client.UnauthorizedOperation 46 + AccessDenied 5");
    }

    @Test
    void pantherRuleTestFixtures() throws Exception {
        Path f = dir().resolve("panther-analysis").resolve("panther_cloudtrail_rule_tests.ndjson");
        Tally t = new Tally("panther-analysis");
        t.files = 1;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode wrapper = M.readTree(line);
            byte[] raw = M.writeValueAsBytes(wrapper.get("log"));
            t.records++;
            try {
                ParseResult r = adapter.parse(raw);
                assertEquals(1, r.events().size() + r.skipped().size(), line);
                t.add(r);
            } catch (AdapterException e) {
                t.fail(e, 1);
            }
        }
        System.out.print(t.row());
        assertEquals(484, t.records);
        assertEquals(t.records, t.normalized + t.skipped + t.failed, "every record accounted for");
        assertEquals(426, t.normalized);
        assertEquals(26, t.skipped);
        assertEquals(32, t.failed);
        assertEquals(2, t.reasons.get("not attributed to a credential: AWSService"));
        assertEquals(10, t.reasons.get("not attributed to a credential: no userIdentity"));
        assertEquals(5, t.reasons.get("not attributed to a credential: no principal (IAMUser)"));
        assertEquals(9, t.reasons.get("not attributed to a credential: AssumedRole without sessionIssuer.arn or assumed-role arn"));
        assertEquals(13, t.reasons.get("FAILED: no eventTime or @timestamp"));
        assertEquals(12, t.reasons.get("FAILED: not a CloudTrail event (no eventName)"));
        assertEquals(5, t.reasons.get("FAILED: not a CloudTrail event (no eventSource)"));
        assertTrue(t.events.stream().anyMatch(e -> "aws_role".equals(e.getCredentialKind())));
        assertTrue(t.events.stream().anyMatch(e -> "aws_access_key".equals(e.getCredentialKind())));
        assertTrue(t.events.stream().anyMatch(e -> e.getCredentialId().startsWith("arn:aws:iam::")
                && e.getCredentialId().endsWith(":root")));
        assertTrue(t.events.stream().noneMatch(e -> e.getAction().matches(".*\\d{8}(v\\d+)?$")),
                "no API-version suffix survives");
    }
}
