package io.nhidrift.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.nhidrift.adapter.cloudtrail.IamActionMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generates realistic raw AWS CloudTrail records (the shape CloudTrail writes to S3, about 1-1.5 KB
 * each) for the demo and for load generation.
 *
 * <p>Deterministic: for a given seed and the same sequence of {@link Call}s the bytes are identical. Nothing
 * reads the wall clock; times are parameters. Identifiers that belong to a principal (principal id, the
 * temporary {@code ASIA…} key of a role session) are derived from its name, so they are stable across
 * records; per-call identifiers ({@code eventID}, {@code requestID}) come from the seeded {@link Random}.
 *
 * <p>Not thread-safe as far as determinism goes: use one generator per thread.
 */
public final class CloudTrailGenerator {

    /**
     * One API call to render.
     *
     * @param credentialId an {@code AKIA…} access key id (an IAM user) or a role ARN
     *     {@code arn:aws:iam::<acct>:role/<name>} (an assumed-role session)
     * @param principal the IAM user name, or for a role the session name
     * @param eventSource e.g. {@code s3.amazonaws.com}
     * @param eventName e.g. {@code GetObject}, {@code UpdateFunctionCode20150331v2}
     * @param time epoch milliseconds (rendered at second precision, as CloudTrail does)
     * @param sourceIp the caller's address
     * @param userAgent the caller's user agent
     * @param denied whether the call failed with {@code AccessDenied}
     */
    public record Call(String credentialId, String principal, String eventSource, String eventName, long time,
            String sourceIp, String userAgent, boolean denied) {

        public Call withTime(long newTime) {
            return new Call(credentialId, principal, eventSource, eventName, newTime, sourceIp, userAgent, denied);
        }

        public boolean isRole() {
            return credentialId.startsWith("arn:") && credentialId.contains(":role/");
        }
    }

    public static final String DEFAULT_ACCOUNT = "444455556666";

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter S3_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final char[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private static final String[] BUCKETS = {"acme-data-exports", "acme-db-backups", "acme-ci-artifacts",
        "acme-finance-close", "acme-vendor-dropbox", "acme-reports", "acme-ml-features", "acme-app-logs"};
    private static final String[] FUNCTIONS = {"orders-api", "payments-webhook", "invoice-renderer",
        "search-indexer", "notifications-fanout"};
    private static final String[] STACKS = {"orders-service", "payments-service", "shared-network",
        "search-service"};
    private static final String[] TABLES = {"customer-profiles", "orders", "feature-flags", "sessions"};
    private static final String[] NEW_USERS = {"support-sync", "backup-admin", "svc-maint"};

    private final Random random;
    private final String account;
    private final String region;
    private final Map<String, String> stableIds = new ConcurrentHashMap<>();

    public CloudTrailGenerator(long seed) {
        this(seed, DEFAULT_ACCOUNT, "us-east-1");
    }

    public CloudTrailGenerator(long seed, String account, String region) {
        this.random = new Random(seed);
        this.account = account;
        this.region = region;
    }

    public String account() {
        return account;
    }

    /** One CloudTrail record as UTF-8 JSON bytes. */
    public byte[] record(Call c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1536);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An S3-delivery body {@code {"Records":[…]}} of already rendered records. */
    public static byte[] s3Delivery(List<byte[]> records) {
        int size = 16;
        for (byte[] r : records) {
            size += r.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes("{\"Records\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(records.get(i));
        }
        out.writeBytes("]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------ rendering

    private void write(JsonGenerator g, Call c) throws IOException {
        String service = service(c.eventSource());
        String bareName = IamActionMapper.stripApiVersion(c.eventName());
        boolean s3 = "s3".equals(service);
        boolean s3Data = s3 && !"ListBuckets".equals(bareName) && !bareName.startsWith("GetBucket")
                && !bareName.startsWith("PutBucket");
        boolean readOnly = bareName.startsWith("Get") || bareName.startsWith("List") || bareName.startsWith("Describe")
                || bareName.startsWith("Head") || bareName.startsWith("Query") || bareName.startsWith("Scan")
                || bareName.startsWith("Lookup");
        String region = "iam".equals(service) ? "us-east-1" : this.region;
        String bucket = s3 ? pick(BUCKETS, c.principal()) : null;
        String key = s3Data && !bareName.startsWith("List") ? objectKey(c, bareName) : null;
        String arn;

        g.writeStartObject();
        g.writeStringField("eventVersion", "1.08");
        g.writeObjectFieldStart("userIdentity");
        if (c.isRole()) {
            String roleArn = c.credentialId();
            String acct = accountOf(roleArn);
            String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
            String roleId = stable("AROA", roleArn, 17);
            arn = "arn:aws:sts::" + acct + ":assumed-role/" + roleName + "/" + c.principal();
            g.writeStringField("type", "AssumedRole");
            g.writeStringField("principalId", roleId + ":" + c.principal());
            g.writeStringField("arn", arn);
            g.writeStringField("accountId", acct);
            g.writeStringField("accessKeyId", stable("ASIA", roleArn + "/" + c.principal(), 16));
            g.writeObjectFieldStart("sessionContext");
            g.writeObjectFieldStart("sessionIssuer");
            g.writeStringField("type", "Role");
            g.writeStringField("principalId", roleId);
            g.writeStringField("arn", roleArn);
            g.writeStringField("accountId", acct);
            g.writeStringField("userName", roleName);
            g.writeEndObject();
            g.writeObjectFieldStart("attributes");
            long sessionStart = c.time() - 1000L * (Math.floorMod(c.principal().hashCode(), 540) + 30);
            g.writeStringField("creationDate", ISO_SECONDS.format(Instant.ofEpochMilli(sessionStart)));
            g.writeStringField("mfaAuthenticated", "false");
            g.writeEndObject();
            g.writeEndObject();
        } else {
            arn = "arn:aws:iam::" + account + ":user/" + c.principal();
            g.writeStringField("type", "IAMUser");
            g.writeStringField("principalId", stable("AIDA", c.principal(), 17));
            g.writeStringField("arn", arn);
            g.writeStringField("accountId", account);
            g.writeStringField("accessKeyId", c.credentialId());
            g.writeStringField("userName", c.principal());
        }
        g.writeEndObject();
        g.writeStringField("eventTime", ISO_SECONDS.format(Instant.ofEpochMilli(c.time())));
        g.writeStringField("eventSource", c.eventSource());
        g.writeStringField("eventName", c.eventName());
        g.writeStringField("awsRegion", region);
        g.writeStringField("sourceIPAddress", c.sourceIp());
        g.writeStringField("userAgent", c.userAgent());
        if (c.denied()) {
            String action = IamActionMapper.iamAction(c.eventSource(), c.eventName());
            g.writeStringField("errorCode", "AccessDenied");
            g.writeStringField("errorMessage", "User: " + arn + " is not authorized to perform: " + action
                    + " on resource: " + resourceArn(service, bareName, c, bucket, key)
                    + " because no identity-based policy allows the " + action + " action");
        }
        g.writeFieldName("requestParameters");
        requestParameters(g, c, service, bareName, bucket, key);
        g.writeNullField("responseElements");
        if (s3Data) {
            g.writeObjectFieldStart("additionalEventData");
            g.writeStringField("SignatureVersion", "SigV4");
            g.writeStringField("CipherSuite", "TLS_AES_128_GCM_SHA256");
            g.writeNumberField("bytesTransferredIn", bareName.startsWith("Put") ? 20_000 + random.nextInt(4_000_000) : 0);
            g.writeStringField("AuthenticationMethod", "AuthHeader");
            g.writeStringField("x-amz-id-2", chars(B64, 76));
            g.writeNumberField("bytesTransferredOut", c.denied() || bareName.startsWith("Put") ? 0
                    : bareName.startsWith("List") ? 1_000 + random.nextInt(40_000) : 50_000 + random.nextInt(8_000_000));
            g.writeEndObject();
        }
        g.writeStringField("requestID", s3 ? chars(HEX, 16) : uuid().toString());
        g.writeStringField("eventID", uuid().toString());
        g.writeBooleanField("readOnly", readOnly);
        if (s3Data) {
            g.writeArrayFieldStart("resources");
            if (key != null) {
                g.writeStartObject();
                g.writeStringField("type", "AWS::S3::Object");
                g.writeStringField("ARN", "arn:aws:s3:::" + bucket + "/" + key);
                g.writeEndObject();
            }
            g.writeStartObject();
            g.writeStringField("accountId", account);
            g.writeStringField("type", "AWS::S3::Bucket");
            g.writeStringField("ARN", "arn:aws:s3:::" + bucket);
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeStringField("eventType", "AwsApiCall");
        g.writeBooleanField("managementEvent", !s3Data);
        g.writeStringField("recipientAccountId", c.isRole() ? accountOf(c.credentialId()) : account);
        g.writeStringField("eventCategory", s3Data ? "Data" : "Management");
        g.writeObjectFieldStart("tlsDetails");
        g.writeStringField("tlsVersion", "TLSv1.3");
        g.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
        g.writeStringField("clientProvidedHostHeader", host(service, c.eventSource(), region, s3Data ? bucket : null));
        g.writeEndObject();
        g.writeEndObject();
    }

    private void requestParameters(JsonGenerator g, Call c, String service, String name, String bucket, String key)
            throws IOException {
        switch (service) {
            case "s3" -> {
                if ("ListBuckets".equals(name)) {
                    g.writeStartObject();
                    g.writeStringField("Host", "s3." + region + ".amazonaws.com");
                    g.writeEndObject();
                    return;
                }
                g.writeStartObject();
                g.writeStringField("bucketName", bucket);
                g.writeStringField("Host", bucket + ".s3." + region + ".amazonaws.com");
                if (key != null) {
                    g.writeStringField("key", key);
                } else if (name.startsWith("List")) {
                    g.writeStringField("list-type", "2");
                    g.writeStringField("prefix", prefixFor(c));
                    g.writeStringField("encoding-type", "url");
                }
                if (name.startsWith("Put")) {
                    g.writeStringField("x-amz-server-side-encryption", "aws:kms");
                }
                g.writeEndObject();
            }
            case "lambda" -> {
                g.writeStartObject();
                if (!name.startsWith("List")) {
                    g.writeStringField("functionName", pick(FUNCTIONS, c.principal() + random.nextInt(8)));
                }
                if (name.startsWith("UpdateFunctionCode")) {
                    g.writeBooleanField("publish", true);
                    g.writeBooleanField("dryRun", false);
                    g.writeStringField("s3Bucket", "acme-ci-artifacts");
                    g.writeStringField("s3Key", "lambda/" + chars(HEX, 12).toLowerCase() + ".zip");
                }
                g.writeEndObject();
            }
            case "cloudformation" -> {
                g.writeStartObject();
                String stack = pick(STACKS, c.principal());
                g.writeStringField("stackName", stack);
                if (name.contains("ChangeSet")) {
                    g.writeStringField("changeSetName", "deploy-" + chars(HEX, 8).toLowerCase());
                }
                if (name.equals("CreateChangeSet")) {
                    g.writeStringField("changeSetType", "UPDATE");
                    g.writeArrayFieldStart("capabilities");
                    g.writeString("CAPABILITY_IAM");
                    g.writeString("CAPABILITY_AUTO_EXPAND");
                    g.writeEndArray();
                    g.writeStringField("templateURL", "https://acme-ci-artifacts.s3.amazonaws.com/cfn/" + stack + ".yaml");
                }
                g.writeEndObject();
            }
            case "iam" -> {
                if (name.startsWith("List") || name.startsWith("GetAccount")) {
                    g.writeStartObject();
                    g.writeNumberField("maxItems", 100);
                    g.writeEndObject();
                } else {
                    g.writeStartObject();
                    g.writeStringField("userName", pick(NEW_USERS, c.principal()));
                    g.writeEndObject();
                }
            }
            case "dynamodb" -> {
                g.writeStartObject();
                if (!name.startsWith("List")) {
                    g.writeStringField("tableName", pick(TABLES, c.principal() + random.nextInt(3)));
                    if (name.equals("GetItem")) {
                        g.writeObjectFieldStart("key");
                        g.writeStringField("pk", "HIDDEN_DUE_TO_SECURITY_REASONS");
                        g.writeEndObject();
                        g.writeBooleanField("consistentRead", false);
                    } else if (name.equals("Query")) {
                        g.writeStringField("keyConditionExpression", "pk = :pk AND begins_with(sk, :sk)");
                        g.writeNumberField("limit", 100);
                    }
                } else {
                    g.writeNumberField("limit", 100);
                }
                g.writeEndObject();
            }
            case "cloudwatch" -> {
                g.writeStartObject();
                g.writeStringField("namespace", "Acme/" + capitalize(c.principal().replace("svc-", "")));
                g.writeArrayFieldStart("metricData");
                g.writeStartObject();
                g.writeStringField("metricName", "queue_depth");
                g.writeNumberField("value", random.nextInt(500));
                g.writeStringField("unit", "Count");
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            case "ce" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("timePeriod");
                g.writeStringField("start", S3_DATE.format(Instant.ofEpochMilli(c.time() - 30L * 86_400_000L)).replace('/', '-'));
                g.writeStringField("end", S3_DATE.format(Instant.ofEpochMilli(c.time())).replace('/', '-'));
                g.writeEndObject();
                g.writeStringField("granularity", "DAILY");
                g.writeArrayFieldStart("metrics");
                g.writeString("UnblendedCost");
                g.writeEndArray();
                g.writeEndObject();
            }
            case "ec2" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("instancesSet");
                g.writeEndObject();
                g.writeObjectFieldStart("filterSet");
                g.writeEndObject();
                g.writeEndObject();
            }
            case "secretsmanager", "ssm", "kms", "rds", "organizations" -> {
                g.writeStartObject();
                g.writeNumberField("maxResults", 100);
                g.writeEndObject();
            }
            default -> g.writeNull(); // sts:GetCallerIdentity and other calls without parameters
        }
    }

    private String objectKey(Call c, String name) {
        String date = S3_DATE.format(Instant.ofEpochMilli(c.time()));
        String prefix = prefixFor(c);
        if (name.startsWith("Put")) {
            return prefix + date + "/" + chars(HEX, 8).toLowerCase() + ".gz";
        }
        return prefix + date + "/part-" + String.format("%05d", random.nextInt(64)) + ".parquet";
    }

    private static String prefixFor(Call c) {
        String p = c.principal().startsWith("svc-") ? c.principal().substring(4) : c.principal();
        return p + "/";
    }

    private static String resourceArn(String service, String name, Call c, String bucket, String key) {
        return switch (service) {
            case "s3" -> bucket == null ? "*" : "arn:aws:s3:::" + bucket + (key == null ? "" : "/" + key);
            case "iam" -> "arn:aws:iam::" + accountOrDefault(c) + ":user/";
            default -> "*";
        };
    }

    private static String accountOrDefault(Call c) {
        return c.isRole() ? accountOf(c.credentialId()) : DEFAULT_ACCOUNT;
    }

    private static String host(String service, String eventSource, String region, String bucket) {
        if (bucket != null) {
            return bucket + ".s3." + region + ".amazonaws.com";
        }
        return switch (service) {
            case "iam" -> "iam.amazonaws.com";
            case "sts" -> "sts." + region + ".amazonaws.com";
            case "cloudwatch" -> "monitoring." + region + ".amazonaws.com";
            case "ce" -> "ce.us-east-1.amazonaws.com";
            default -> {
                String endpoint = eventSource.endsWith(".amazonaws.com")
                        ? eventSource.substring(0, eventSource.length() - ".amazonaws.com".length()) : eventSource;
                yield endpoint + "." + region + ".amazonaws.com";
            }
        };
    }

    private static String service(String eventSource) {
        return IamActionMapper.iamPrefix(eventSource);
    }

    private static String accountOf(String arn) {
        // arn:aws:iam::<acct>:role/<name>
        int a = arn.indexOf("::");
        int b = a < 0 ? -1 : arn.indexOf(':', a + 2);
        return a < 0 || b < 0 ? DEFAULT_ACCOUNT : arn.substring(a + 2, b);
    }

    private static String pick(String[] from, String by) {
        return from[Math.floorMod(by.hashCode() * 31 + 7, from.length)];
    }

    private static String capitalize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean up = true;
        for (char ch : s.toCharArray()) {
            if (ch == '-' || ch == '_') {
                up = true;
                continue;
            }
            b.append(up ? Character.toUpperCase(ch) : ch);
            up = false;
        }
        return b.toString();
    }

    /** A stable pseudo-random id for a name: {@code prefix} + {@code n} characters of AWS's id alphabet. */
    private String stable(String prefix, String name, int n) {
        return stableIds.computeIfAbsent(prefix + '\u0000' + name, k -> {
            SplittableRandom r = new SplittableRandom(k.hashCode() * 0x9E3779B97F4A7C15L);
            char[] out = new char[n];
            for (int i = 0; i < n; i++) {
                out[i] = ALNUM[r.nextInt(ALNUM.length)];
            }
            return prefix + new String(out);
        });
    }

    private String chars(char[] alphabet, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    /** A version-4 UUID drawn from the seeded random. */
    private UUID uuid() {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }
}
