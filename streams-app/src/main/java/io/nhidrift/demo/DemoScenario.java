package io.nhidrift.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.demo.CloudTrailGenerator.Call;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The demo's machine credentials, their inventory (CONTRACT section 3) and 120 days of CloudTrail traffic
 * relative to a given {@code now}, in which most credentials behave and a few misbehave so that every alert
 * type of CONTRACT section 4 fires at least once under the default thresholds.
 *
 * <table>
 *   <caption>Credentials and what they are meant to trigger</caption>
 *   <tr><td>{@link #EXPORTER_KEY}</td><td>nightly S3 export; leaked at now-3d: NEW_CALLER (203.0.113.0/24,
 *       python-requests), ACCESS_DENIED_BURST (12 denied calls in 110 s), OUT_OF_SCOPE_USE (iam:CreateUser,
 *       iam:CreateAccessKey)</td></tr>
 *   <tr><td>{@link #CI_ROLE}</td><td>CI deploys, normal; second inventory version at now-20d adds iam:PassRole:
 *       ENTITLEMENT_EXPANDED</td></tr>
 *   <tr><td>{@link #BACKUP_KEY}</td><td>nightly DB dump; grant {@code ec2:*} never used: UNUSED_ENTITLEMENT</td></tr>
 *   <tr><td>{@link #LEGACY_KEY}</td><td>used until now-70d, then silent: IDLE_CREDENTIAL (at now-40d)</td></tr>
 *   <tr><td>{@link #NEVER_USED_KEY}</td><td>known since now-45d, never used: IDLE_CREDENTIAL (at now-15d)</td></tr>
 *   <tr><td>{@link #DORMANT_KEY}</td><td>used until now-50d, again at now-2d: IDLE_CREDENTIAL then DORMANT_REACTIVATED</td></tr>
 *   <tr><td>{@link #EXPIRED_KEY}</td><td>expiresAt now-5d, still used: EXPIRED_CREDENTIAL_USE</td></tr>
 *   <tr><td>{@link #REVOKED_KEY}</td><td>revokedAt now-10d, still used: REVOKED_CREDENTIAL_USE</td></tr>
 *   <tr><td>{@link #ROTATION_KEY}</td><td>createdAt now-200d, rotationDays 90, in use: ROTATION_OVERDUE</td></tr>
 *   <tr><td>{@link #HUMAN_KEY}</td><td>used from Chrome at now-8d: HUMAN_USE (and NEW_CALLER)</td></tr>
 *   <tr><td>{@link #UNKNOWN_KEY}</td><td>not in the inventory, active at now-1d: UNKNOWN_CREDENTIAL</td></tr>
 *   <tr><td>{@link #INSTANCE_ROLE}</td><td>EC2 web tier, instance session used daily from its subnet; at now-4d
 *       the session's key is replayed from outside: SESSION_CREDENTIAL_MOVED (and NEW_CALLER)</td></tr>
 * </table>
 *
 * <p>Deterministic for a given {@code now}.
 */
public final class DemoScenario {

    public static final String ACCOUNT = CloudTrailGenerator.DEFAULT_ACCOUNT;
    public static final long DAY = 86_400_000L;
    public static final long HOUR = 3_600_000L;
    public static final long MINUTE = 60_000L;
    public static final int HISTORY_DAYS = 120;

    public static final String EXPORTER_KEY = "AKIAQX3DEMOEXPORT001";
    public static final String BACKUP_KEY = "AKIAQX3DEMOBACKUP002";
    public static final String LEGACY_KEY = "AKIAQX3DEMOLEGACY003";
    public static final String NEVER_USED_KEY = "AKIAQX3DEMONEWKEY004";
    public static final String DORMANT_KEY = "AKIAQX3DEMODORMNT005";
    public static final String EXPIRED_KEY = "AKIAQX3DEMOVENDOR006";
    public static final String REVOKED_KEY = "AKIAQX3DEMOMETRIC007";
    public static final String ROTATION_KEY = "AKIAQX3DEMOBILLNG008";
    public static final String HUMAN_KEY = "AKIAQX3DEMOREPORT009";
    public static final String UNKNOWN_KEY = "AKIAQX3DEMOUNKNWN010";
    public static final String CI_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/ci-deploy";
    public static final String INSTANCE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/web-instance-role";
    static final String INSTANCE_SESSION = "i-0a1b2c3d4e5f60718";

    static final String S3 = "s3.amazonaws.com";
    static final String LAMBDA = "lambda.amazonaws.com";
    static final String CFN = "cloudformation.amazonaws.com";
    static final String IAM = "iam.amazonaws.com";
    static final String DDB = "dynamodb.amazonaws.com";

    private static final String[] AWS_CLI = {
        "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.213-201.855.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/s3.cp",
        "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.213-201.855.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/s3.ls",
        "aws-cli/2.15.41 Python/3.11.8 Linux/5.10.215-203.850.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/s3.cp"};
    private static final String GO_V2 =
        "aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.2 md/GOOS#linux md/GOARCH#amd64 api/%s#1.%d.3";
    private static final String BOTO3 =
        "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.84";
    private static final String JAVA_SDK =
        "aws-sdk-java/1.12.261 Linux/4.14.336-257.562.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/11.0.22+7-LTS java/11.0.22 vendor/Amazon.com_Inc.";
    private static final String NODE_SDK = "aws-sdk-nodejs/2.1592.0 linux/v18.20.2 exec-env/AWS_ECS_FARGATE callback";
    private static final String GO_V1 = "aws-sdk-go/1.51.21 (go1.22.2; linux; amd64)";
    private static final String VENDOR_UA = "aws-sdk-java/2.25.31 Linux/6.1.82-99.168.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy";
    public static final String ATTACKER_UA = "python-requests/2.31.0";
    public static final String ATTACKER_IP = "203.0.113.77";
    public static final String BROWSER_UA =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DemoScenario() {}

    // ------------------------------------------------------------------------------------------ inventory

    /** The inventory, one JSON object per line (CONTRACT section 3); the CI role has two versions. */
    public static List<String> inventoryLines(long now) {
        long first = now - HISTORY_DAYS * DAY;
        List<String> lines = new ArrayList<>();
        lines.add(line(EXPORTER_KEY, "aws_access_key", "team-data", "nightly S3 export to the analytics lake",
                List.of("s3:GetObject", "s3:List*"), now - 130 * DAY, null, 180, first, null));
        lines.add(line(CI_ROLE, "aws_role", "team-platform", "CI deploys of Lambda services (GitHub Actions OIDC)",
                ciGrants(false), now - 400 * DAY, null, null, first, null));
        lines.add(line(BACKUP_KEY, "aws_access_key", "team-dba", "nightly database dump to S3",
                List.of("s3:PutObject", "s3:ListBucket", "ec2:*"), now - 160 * DAY, null, 365, first, null));
        lines.add(line(LEGACY_KEY, "aws_access_key", "team-finance", "legacy monthly report job",
                List.of("s3:GetObject", "s3:ListBucket"), now - 700 * DAY, null, null, first, null));
        lines.add(line(DORMANT_KEY, "aws_access_key", "team-finance", "quarter-close reconciliation",
                List.of("s3:GetObject", "s3:PutObject"), now - 300 * DAY, null, null, first, null));
        lines.add(line(EXPIRED_KEY, "aws_access_key", "vendor-acme-sync", "vendor file drop (contract ended)",
                List.of("s3:PutObject"), now - 180 * DAY, now - 5 * DAY, null, first, null));
        lines.add(line(REVOKED_KEY, "aws_access_key", "team-sre", "custom metrics pusher (replaced by the agent)",
                List.of("cloudwatch:PutMetricData"), now - 250 * DAY, null, null, first, now - 10 * DAY));
        lines.add(line(ROTATION_KEY, "aws_access_key", "team-finops", "daily cost report",
                List.of("ce:GetCostAndUsage", "ce:GetCostForecast"), now - 200 * DAY, null, 90, first, null));
        lines.add(line(HUMAN_KEY, "aws_access_key", "team-bi", "BI dashboard backend",
                List.of("dynamodb:Query", "dynamodb:GetItem"), now - 140 * DAY, null, 180, first, null));
        lines.add(line(NEVER_USED_KEY, "aws_access_key", "team-data", "ETL v2 (not yet deployed)",
                List.of("s3:PutObject", "s3:GetObject"), now - 45 * DAY, null, 90, now - 45 * DAY, null));
        lines.add(line(CI_ROLE, "aws_role", "team-platform", "CI deploys of Lambda services (GitHub Actions OIDC)",
                ciGrants(true), now - 400 * DAY, null, null, now - 20 * DAY, null));
        lines.add(line(INSTANCE_ROLE, "aws_role", "team-web", "EC2 web tier instance profile",
                List.of("s3:GetObject", "dynamodb:GetItem", "dynamodb:Query"), now - 500 * DAY, null, null, first, null));
        return lines;
    }

    private static List<String> ciGrants(boolean expanded) {
        List<String> g = new ArrayList<>(List.of("lambda:GetFunction", "lambda:UpdateFunctionCode", "s3:PutObject",
                "cloudformation:Describe*", "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"));
        if (expanded) {
            g.add("iam:PassRole");
        }
        return g;
    }

    private static String line(String id, String kind, String owner, String purpose, List<String> grants,
            Long createdAt, Long expiresAt, Integer rotationDays, long asOf, Long revokedAt) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("credentialId", id);
        n.put("kind", kind);
        n.put("owner", owner);
        n.put("purpose", purpose);
        grants.forEach(n.withArray("grants")::add);
        n.putArray("denies");
        n.put("createdAt", iso(createdAt));
        n.put("expiresAt", iso(expiresAt));
        if (rotationDays == null) {
            n.putNull("rotationDays");
        } else {
            n.put("rotationDays", rotationDays);
        }
        n.put("asOf", iso(asOf));
        n.put("revokedAt", iso(revokedAt));
        return n.toString();
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis / 1000 * 1000).toString();
    }

    // ------------------------------------------------------------------------------------------ history

    /** 120 days of traffic ending before {@code now}, sorted by time. */
    public static List<Call> history(long now) {
        Random r = new Random(20_260_101L);
        long start = now - HISTORY_DAYS * DAY;
        long firstDay = Math.floorDiv(start, DAY) * DAY;
        List<Call> out = new ArrayList<>();
        for (long day = firstDay; day < now; day += DAY) {
            exporterNight(out, r, day + 2 * HOUR + r.nextInt(20) * MINUTE);
            backupNight(out, r, day + 3 * HOUR + 30 * MINUTE + r.nextInt(15) * MINUTE);
            billing(out, r, day + 5 * HOUR + r.nextInt(30) * MINUTE);
            if (day < now - 70 * DAY) {
                legacy(out, r, day + 6 * HOUR + r.nextInt(10) * MINUTE);
            }
            if (day < now - 50 * DAY) {
                dormant(out, r, day + 7 * HOUR + r.nextInt(30) * MINUTE);
            }
            vendor(out, r, day + 9 * HOUR + r.nextInt(60) * MINUTE);
            for (int h = 0; h < 24; h += 6) {
                metrics(out, r, day + h * HOUR + r.nextInt(5) * MINUTE);
            }
            for (int k = 0; k < 3; k++) {
                reporting(out, r, day + (10 + 3 * k) * HOUR + r.nextInt(120) * MINUTE);
            }
            deploy(out, r, day + (13 + r.nextInt(5)) * HOUR + r.nextInt(60) * MINUTE);
            webTier(out, r, day + (8 + r.nextInt(10)) * HOUR + r.nextInt(60) * MINUTE);
            if (r.nextInt(3) == 0) {
                deploy(out, r, day + 19 * HOUR + r.nextInt(90) * MINUTE);
            }
        }
        // --- misbehaviour
        leak(out, now - 3 * DAY);
        dormant(out, r, now - 2 * DAY);
        human(out, now - 8 * DAY);
        unknown(out, now - DAY + 2 * HOUR + 13 * MINUTE);
        stolenSession(out, now - 4 * DAY + 14 * HOUR);

        // inventoried credentials become known at now-120d: no traffic before (and nothing at or after now)
        long from = start + HOUR;
        out.removeIf(c -> c.time() < from || c.time() >= now);
        out.sort(Comparator.comparingLong(Call::time));
        return out;
    }

    /** One normal call of a well-behaved credential at {@code now}, for the live phase of the demo. */
    public static Call liveCall(long now, Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> exporter(now, r, r.nextInt(4) == 0 ? "ListObjectsV2" : "GetObject");
            case 1 -> ci(now, r, "live", r.nextBoolean() ? "GetFunction20150331v2" : "UpdateFunctionCode20150331v2", LAMBDA);
            case 2 -> new Call(HUMAN_KEY, "svc-bi-reporting", DDB, r.nextBoolean() ? "Query" : "GetItem", now,
                    "10.20.36." + (20 + r.nextInt(4)), NODE_SDK, false);
            default -> new Call(BACKUP_KEY, "svc-db-backup", S3, "PutObject", now, "10.20.31." + (5 + r.nextInt(3)), BOTO3,
                    false);
        };
    }

    private static Call exporter(long t, Random r, String eventName) {
        return new Call(EXPORTER_KEY, "svc-nightly-exporter", S3, eventName, t, "10.20.30." + (11 + r.nextInt(4)),
                AWS_CLI[r.nextInt(AWS_CLI.length)], false);
    }

    private static void exporterNight(List<Call> out, Random r, long t) {
        out.add(exporter(t, r, "ListObjectsV2"));
        int n = 3 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            t += 5_000 + r.nextInt(40_000);
            out.add(exporter(t, r, r.nextInt(6) == 0 ? "HeadObject" : "GetObject"));
        }
    }

    private static Call ci(long t, Random r, String session, String eventName, String source) {
        String api = source.substring(0, source.indexOf('.'));
        return new Call(CI_ROLE, session, source, eventName, t, "10.40.0." + (30 + r.nextInt(20)),
                String.format(GO_V2, api, 40 + r.nextInt(20)), false);
    }

    private static void deploy(List<Call> out, Random r, long t) {
        String session = "gha-deploy-" + (8_000_000_000L + (t / 1000) % 1_000_000_000L);
        String[][] steps = {
            {S3, "PutObject"}, {LAMBDA, "GetFunction20150331v2"}, {LAMBDA, "UpdateFunctionCode20150331v2"},
            {LAMBDA, "GetFunction20150331v2"}, {CFN, "DescribeStacks"}, {CFN, "CreateChangeSet"},
            {CFN, "DescribeChangeSet"}, {CFN, "ExecuteChangeSet"}, {CFN, "DescribeStacks"}};
        for (String[] s : steps) {
            out.add(ci(t, r, session, s[1], s[0]));
            t += 2_000 + r.nextInt(20_000);
        }
    }

    private static void backupNight(List<Call> out, Random r, long t) {
        String ip = "10.20.31." + (5 + r.nextInt(3));
        out.add(new Call(BACKUP_KEY, "svc-db-backup", S3, "ListObjectsV2", t, ip, BOTO3, false));
        out.add(new Call(BACKUP_KEY, "svc-db-backup", S3, "PutObject", t + 40_000 + r.nextInt(60_000), ip, BOTO3, false));
        out.add(new Call(BACKUP_KEY, "svc-db-backup", S3, "PutObject", t + 200_000 + r.nextInt(60_000), ip, BOTO3, false));
    }

    private static void billing(List<Call> out, Random r, long t) {
        String ip = "10.20.35." + (40 + r.nextInt(2));
        out.add(new Call(ROTATION_KEY, "svc-billing-sync", "ce.amazonaws.com", "GetCostAndUsage", t, ip, BOTO3, false));
        out.add(new Call(ROTATION_KEY, "svc-billing-sync", "ce.amazonaws.com", "GetCostForecast", t + 3_000 + r.nextInt(5_000),
                ip, BOTO3, false));
    }

    private static void legacy(List<Call> out, Random r, long t) {
        String ip = "10.20.32." + (70 + r.nextInt(3));
        out.add(new Call(LEGACY_KEY, "svc-legacy-reports", S3, "ListObjects", t, ip, JAVA_SDK, false));
        out.add(new Call(LEGACY_KEY, "svc-legacy-reports", S3, "GetObject", t + 1_500 + r.nextInt(3_000), ip, JAVA_SDK, false));
    }

    private static void dormant(List<Call> out, Random r, long t) {
        String ip = "10.20.33." + (90 + r.nextInt(3));
        out.add(new Call(DORMANT_KEY, "svc-quarter-close", S3, "GetObject", t, ip, BOTO3, false));
        out.add(new Call(DORMANT_KEY, "svc-quarter-close", S3, "PutObject", t + 10_000 + r.nextInt(20_000), ip, BOTO3, false));
    }

    private static void vendor(List<Call> out, Random r, long t) {
        out.add(new Call(EXPIRED_KEY, "svc-vendor-sync", S3, "PutObject", t, "198.51.100." + (40 + r.nextInt(2)), VENDOR_UA,
                false));
    }

    private static void metrics(List<Call> out, Random r, long t) {
        out.add(new Call(REVOKED_KEY, "svc-metrics-push", "monitoring.amazonaws.com", "PutMetricData", t,
                "10.20.34." + (10 + r.nextInt(6)), GO_V1, false));
    }

    private static void reporting(List<Call> out, Random r, long t) {
        String ip = "10.20.36." + (20 + r.nextInt(4));
        out.add(new Call(HUMAN_KEY, "svc-bi-reporting", DDB, "Query", t, ip, NODE_SDK, false));
        out.add(new Call(HUMAN_KEY, "svc-bi-reporting", DDB, "GetItem", t + 200 + r.nextInt(2_000), ip, NODE_SDK, false));
    }

    /** The exporter key leaks: new caller, reconnaissance (denied burst), out-of-scope IAM writes, exfiltration. */
    private static void leak(List<Call> out, long t) {
        String user = "svc-nightly-exporter";
        out.add(new Call(EXPORTER_KEY, user, S3, "ListBuckets", t, ATTACKER_IP, ATTACKER_UA, false));
        String[][] recon = {
            {IAM, "ListUsers"}, {IAM, "ListRoles"}, {IAM, "GetAccountAuthorizationDetails"},
            {"ec2.amazonaws.com", "DescribeInstances"}, {"secretsmanager.amazonaws.com", "ListSecrets"},
            {"ssm.amazonaws.com", "DescribeParameters"}, {LAMBDA, "ListFunctions20150331"},
            {"rds.amazonaws.com", "DescribeDBInstances"}, {"kms.amazonaws.com", "ListKeys"},
            {DDB, "ListTables"}, {"organizations.amazonaws.com", "ListAccounts"}, {IAM, "ListAttachedUserPolicies"}};
        long u = t + MINUTE;
        for (String[] s : recon) {
            out.add(new Call(EXPORTER_KEY, user, s[0], s[1], u, ATTACKER_IP, ATTACKER_UA, true));
            u += 10_000;
        }
        out.add(new Call(EXPORTER_KEY, user, IAM, "CreateUser", t + 6 * MINUTE, ATTACKER_IP, ATTACKER_UA, false));
        out.add(new Call(EXPORTER_KEY, user, IAM, "CreateAccessKey", t + 6 * MINUTE + 4_000, ATTACKER_IP, ATTACKER_UA, false));
        for (int i = 0; i < 6; i++) {
            out.add(new Call(EXPORTER_KEY, user, S3, "GetObject", t + 9 * MINUTE + i * 7_000L, ATTACKER_IP, ATTACKER_UA, false));
        }
    }

    /** Someone pastes the BI backend key into a browser tool. */
    private static void human(List<Call> out, long t) {
        out.add(new Call(HUMAN_KEY, "svc-bi-reporting", DDB, "Query", t, "198.51.100.23", BROWSER_UA, false));
        out.add(new Call(HUMAN_KEY, "svc-bi-reporting", DDB, "GetItem", t + 45_000, "198.51.100.23", BROWSER_UA, false));
    }

    /** A key nobody inventoried. */
    private static void unknown(List<Call> out, long t) {
        String ua = "aws-cli/1.32.84 Python/3.9.18 Linux/6.5.0-1017-aws botocore/1.34.84";
        out.add(new Call(UNKNOWN_KEY, "tmp-migration", "sts.amazonaws.com", "GetCallerIdentity", t, "192.0.2.10", ua, false));
        out.add(new Call(UNKNOWN_KEY, "tmp-migration", S3, "ListBuckets", t + 5_000, "192.0.2.10", ua, false));
        out.add(new Call(UNKNOWN_KEY, "tmp-migration", S3, "GetObject", t + 12_000, "192.0.2.10", ua, false));
    }

    /** The web tier's instance session: reads from its private subnet. */
    private static void webTier(List<Call> out, Random r, long t) {
        String[][] calls = {{S3, "GetObject"}, {DDB, "GetItem"}, {DDB, "Query"}};
        for (String[] c : calls) {
            out.add(new Call(INSTANCE_ROLE, INSTANCE_SESSION, c[0], c[1], t, "10.30.1." + (15 + r.nextInt(3)), JAVA_SDK, false));
            t += 2_000 + r.nextInt(20_000);
        }
    }

    /** The instance session's key, taken from the instance metadata service, replayed from outside. */
    private static void stolenSession(List<Call> out, long t) {
        out.add(new Call(INSTANCE_ROLE, INSTANCE_SESSION, S3, "GetObject", t, ATTACKER_IP, ATTACKER_UA, false));
    }
}
