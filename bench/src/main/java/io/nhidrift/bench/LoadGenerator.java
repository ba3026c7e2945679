package io.nhidrift.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.demo.CloudTrailGenerator;
import io.nhidrift.demo.CloudTrailGenerator.Call;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Realistic load for a chosen number of credentials: a matching inventory (CONTRACT section 3) and raw
 * CloudTrail records (~1.3 KB, rendered by {@link CloudTrailGenerator}).
 *
 * <p>Mix: four credential profiles (S3 exporter, DynamoDB service, SQS worker, Lambda deployer), each with
 * its grants; callers in two /24s per credential (10.x.y.0/24); user agents of the AWS SDKs; about 1 % of
 * calls denied (an action outside the grants); drift: 0.05 % out-of-scope successful calls (IAM writes),
 * 0.1 % calls from a new network. Half of the calls come from a hot tenth of the credentials, half uniform.
 * Deterministic per seed; one instance per thread.
 */
final class LoadGenerator {

    static final String ACCOUNT = "444455556666";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String[][] GRANTS = {
        {"s3:GetObject", "s3:PutObject", "s3:ListBucket"},
        {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"},
        {"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
        {"lambda:GetFunction", "lambda:UpdateFunctionCode", "lambda:List*", "s3:GetObject"}};
    /** In-scope calls per profile: eventSource, eventName. */
    private static final String[][][] CALLS = {
        {{"s3.amazonaws.com", "GetObject"}, {"s3.amazonaws.com", "GetObject"}, {"s3.amazonaws.com", "PutObject"},
            {"s3.amazonaws.com", "ListObjectsV2"}, {"s3.amazonaws.com", "HeadObject"}},
        {{"dynamodb.amazonaws.com", "GetItem"}, {"dynamodb.amazonaws.com", "Query"}, {"dynamodb.amazonaws.com", "PutItem"},
            {"dynamodb.amazonaws.com", "UpdateItem"}},
        {{"sqs.amazonaws.com", "ReceiveMessage"}, {"sqs.amazonaws.com", "DeleteMessage"}, {"sqs.amazonaws.com", "SendMessage"},
            {"sqs.amazonaws.com", "GetQueueAttributes"}},
        {{"lambda.amazonaws.com", "GetFunction20150331v2"}, {"lambda.amazonaws.com", "UpdateFunctionCode20150331v2"},
            {"lambda.amazonaws.com", "ListFunctions20150331"}, {"s3.amazonaws.com", "GetObject"}}};
    /** Denied attempts: actions outside every profile's grants. */
    private static final String[][] DENIED = {{"iam.amazonaws.com", "ListUsers"}, {"secretsmanager.amazonaws.com", "ListSecrets"},
        {"ec2.amazonaws.com", "DescribeInstances"}, {"kms.amazonaws.com", "ListKeys"}};
    /** Drift: successful out-of-scope calls. */
    private static final String[][] OUT_OF_SCOPE = {{"iam.amazonaws.com", "CreateUser"}, {"iam.amazonaws.com", "CreateAccessKey"},
        {"s3.amazonaws.com", "DeleteObject"}, {"kms.amazonaws.com", "Decrypt"}};
    private static final String[] AGENTS = {
        "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.213-201.855.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/s3.cp",
        "aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.2 md/GOOS#linux md/GOARCH#amd64 api/dynamodb#1.31.1",
        "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.84",
        "aws-sdk-java/2.25.31 Linux/6.1.82-99.168.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
        "aws-sdk-nodejs/2.1592.0 linux/v18.20.2 exec-env/AWS_ECS_FARGATE callback"};

    /** How calls spread over the credentials. */
    enum Mix {
        /** half of the calls from a hot tenth of the credentials, half uniform (the default) */
        HOT_TENTH,
        /** every credential equally often */
        UNIFORM,
        /** half of the calls from one credential (index 0), half uniform over all */
        HOT_KEY
    }

    private final int credentials;
    private final Mix mix;
    private final CloudTrailGenerator ct;
    private final SplittableRandom random;
    private long seq;

    LoadGenerator(int credentials, long seed) {
        this(credentials, seed, Mix.HOT_TENTH);
    }

    LoadGenerator(int credentials, long seed, Mix mix) {
        this.credentials = credentials;
        this.mix = mix;
        this.ct = new CloudTrailGenerator(seed, ACCOUNT, "us-east-1");
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** Credential id of index i: an AKIA key id, 20 characters. */
    static String credentialId(int i) {
        return String.format("AKIABENCH%011d", i);
    }

    /** The first grant of credential i's profile (an in-scope action). */
    static String firstGrant(int i) {
        return GRANTS[profile(i)][0];
    }

    static String agent(int i) {
        return AGENTS[i % AGENTS.length];
    }

    static String principal(int i) {
        return "svc-bench-" + i;
    }

    static int profile(int i) {
        return Math.floorMod(i * 0x9E3779B1, GRANTS.length);
    }

    /** The inventory line of credential i, as of {@code asOf}, created at {@code createdAt} (epoch ms). */
    static byte[] inventory(int i, long createdAt, long asOf) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("credentialId", credentialId(i));
        n.put("kind", "aws_access_key");
        n.put("owner", "team-" + (i % 97));
        n.put("purpose", "bench workload " + profile(i));
        var g = n.putArray("grants");
        for (String s : GRANTS[profile(i)]) {
            g.add(s);
        }
        n.putArray("denies");
        n.put("createdAt", Instant.ofEpochMilli(createdAt).toString());
        n.putNull("expiresAt");
        n.putNull("rotationDays");
        n.put("asOf", Instant.ofEpochMilli(asOf).toString());
        n.putNull("revokedAt");
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private int pickCredential() {
        return switch (mix) {
            case UNIFORM -> random.nextInt(credentials);
            case HOT_KEY -> random.nextBoolean() ? 0 : random.nextInt(credentials);
            case HOT_TENTH -> random.nextBoolean() ? random.nextInt(Math.max(1, credentials / 10)) : random.nextInt(credentials);
        };
    }

    private String ip(int i, boolean newNetwork) {
        if (newNetwork) {
            return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(250));
        }
        int net = random.nextInt(2);
        int h = Math.floorMod(i * 31 + net * 7, 250);
        return "10." + (1 + (h % 50)) + "." + (h / 50 + net * 5) + "." + (10 + random.nextInt(40));
    }

    /** One realistic call at {@code time} (epoch ms). */
    Call next(long time) {
        int i = pickCredential();
        int p = profile(i);
        int dice = random.nextInt(10_000);
        String[] call;
        boolean denied = false;
        if (dice < 100) {
            call = DENIED[random.nextInt(DENIED.length)];
            denied = true;
        } else if (dice < 105) {
            call = OUT_OF_SCOPE[random.nextInt(OUT_OF_SCOPE.length)];
        } else {
            call = CALLS[p][random.nextInt(CALLS[p].length)];
        }
        seq++;
        return new Call(credentialId(i), principal(i), call[0], call[1], time, ip(i, dice >= 105 && dice < 115),
                AGENTS[(i + (int) (seq % 2)) % AGENTS.length], denied);
    }

    /** A call whose action is unique (never granted): it yields one OUT_OF_SCOPE_USE at once. */
    Call trigger(long time, long unique) {
        int i = pickCredential();
        return new Call(credentialId(i), principal(i), "iam.amazonaws.com", "CreateBenchUser" + unique, time, ip(i, false),
                AGENTS[i % AGENTS.length], false);
    }

    byte[] render(Call c) {
        return ct.record(c);
    }

    byte[] key(Call c) {
        return c.credentialId().getBytes(StandardCharsets.UTF_8);
    }

    /** The eventID of a rendered record (the generator writes {@code "eventID":"<uuid>"}). */
    static String eventId(byte[] record) {
        String s = new String(record, StandardCharsets.UTF_8);
        int at = s.indexOf("\"eventID\":\"");
        return at < 0 ? null : s.substring(at + 11, s.indexOf('"', at + 11));
    }
}
