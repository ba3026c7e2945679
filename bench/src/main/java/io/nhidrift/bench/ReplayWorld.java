package io.nhidrift.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A generated multi-format estate for measuring {@code replay} at scale: {@code N} events over 90 days across
 * CloudTrail (S3-delivery files of 1 000 records, gzipped, as AWS delivers them), GCP audit, Kubernetes audit
 * and Kong (NDJSON, some gzipped), from machine credentials of each format plus unknown machines and people,
 * with the misbehaviour drift detection looks for (out-of-scope actions, new networks, browser use, denied
 * bursts, credentials going idle and coming back, rotation overdue, expiry, revocation, entitlement expansion),
 * and the inventory of the machine credentials. Times are in order per format up to a few minutes of jitter, as
 * real logs are. Deterministic for a given size and seed.
 *
 * <pre>java -cp bench/target/nhi-drift-bench.jar:bench/target/lib/* io.nhidrift.bench.ReplayWorld DIR EVENTS [SEED]</pre>
 */
public final class ReplayWorld {

    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final long SPAN = 90L * 24 * 3_600_000;
    private static final int RECORDS_PER_DELIVERY = 1_000;
    private static final int LINES_PER_FILE = 50_000;

    /** Formats and their share of the events (percent). */
    private static final String[] FORMATS = {"cloudtrail", "gcp-audit", "k8s-audit", "kong"};
    private static final int[] SHARE = {40, 20, 25, 15};

    /** CloudTrail calls: event source, event name, the IAM action they authorize. */
    private static final String[][] AWS = {
        {"s3.amazonaws.com", "GetObject", "s3:GetObject"}, {"s3.amazonaws.com", "PutObject", "s3:PutObject"},
        {"s3.amazonaws.com", "ListObjects", "s3:ListBucket"}, {"dynamodb.amazonaws.com", "GetItem", "dynamodb:GetItem"},
        {"dynamodb.amazonaws.com", "PutItem", "dynamodb:PutItem"}, {"sqs.amazonaws.com", "SendMessage", "sqs:SendMessage"},
        {"sqs.amazonaws.com", "ReceiveMessage", "sqs:ReceiveMessage"}, {"lambda.amazonaws.com", "Invoke", "lambda:InvokeFunction"},
        {"kms.amazonaws.com", "Decrypt", "kms:Decrypt"}, {"iam.amazonaws.com", "CreateUser", "iam:CreateUser"}};
    private static final String[] GCP = {"storage.objects.get", "storage.objects.create", "bigquery.jobs.create",
        "pubsub.topics.publish", "secretmanager.versions.access", "cloudsql.instances.connect", "iam.serviceAccounts.actAs"};
    /** Kubernetes: resource, api group ("" for core), verb. */
    private static final String[][] K8S = {{"pods", "", "get"}, {"pods", "", "list"}, {"configmaps", "", "get"},
        {"secrets", "", "get"}, {"deployments", "apps", "patch"}, {"events", "", "create"}, {"secrets", "", "list"}};
    /** Kong: method, path (with {n} for an id), grant pattern. */
    private static final String[][] KONG = {{"GET", "/v1/orders/{n}", "GET /v1/orders/*"}, {"POST", "/v1/orders", "POST /v1/orders"},
        {"GET", "/v1/customers/{n}", "GET /v1/customers/*"}, {"DELETE", "/v1/orders/{n}", "DELETE /v1/orders/*"},
        {"PUT", "/v1/admin/settings", "PUT /v1/admin/*"}};

    private final Path dir;
    private final long events;
    private final int credentialsPerFormat;
    private final long seed;

    public ReplayWorld(Path dir, long events, long seed) {
        this.dir = dir;
        this.events = events;
        this.credentialsPerFormat = (int) Math.max(20, Math.min(250_000, events / 2_000));
        this.seed = seed;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ReplayWorld DIR EVENTS [SEED]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long n = Long.parseLong(args[1].replace("_", ""));
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
        long t0 = System.nanoTime();
        new ReplayWorld(dir, n, seed).write();
        System.err.printf("ReplayWorld: %,d events in %s (%.1f s)%n", n, dir, (System.nanoTime() - t0) / 1e9);
        System.out.println(replayArguments(dir));
    }

    /** The {@code replay} arguments for a world written to {@code dir}. */
    public static String replayArguments(Path dir) {
        StringBuilder b = new StringBuilder("--inventory " + dir.resolve("inventory.ndjson"));
        for (String f : FORMATS) {
            b.append(" --input ").append(f).append('=').append(dir.resolve(f));
        }
        return b.toString();
    }

    /** The formats of a world and their input directories. */
    public static List<String[]> inputs(Path dir) {
        List<String[]> out = new ArrayList<>();
        for (String f : FORMATS) {
            out.add(new String[] {f, dir.resolve(f).toString()});
        }
        return out;
    }

    public void write() throws IOException {
        Files.createDirectories(dir);
        writeInventory();
        for (int f = 0; f < FORMATS.length; f++) {
            writeFormat(f, events * SHARE[f] / 100 + (f == 0 ? events - total() : 0));
        }
    }

    private long total() {
        long t = 0;
        for (int s : SHARE) {
            t += events * s / 100;
        }
        return t;
    }

    /** The machine credential {@code i} of format {@code f}. */
    static String credential(int f, int i) {
        return switch (f) {
            case 0 -> i % 4 == 3 ? "arn:aws:iam::444455556666:role/world-role-" + i : String.format("AKIAWORLD%011d", i);
            case 1 -> "svc-" + i + "@world.iam.gserviceaccount.com";
            case 2 -> "system:serviceaccount:ns-" + (i % 50) + ":sa-" + i;
            default -> "consumer-" + i;
        };
    }

    private String[] actionsOf(int f) {
        return switch (f) {
            case 0 -> column(AWS, 2);
            case 1 -> GCP;
            case 2 -> k8sActions();
            default -> column(KONG, 2);
        };
    }

    private static String[] column(String[][] rows, int c) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    private static String[] k8sActions() {
        String[] out = new String[K8S.length];
        for (int i = 0; i < K8S.length; i++) {
            out[i] = K8S[i][0] + (K8S[i][1].isEmpty() ? "" : "." + K8S[i][1]) + ":" + K8S[i][2];
        }
        return out;
    }

    /** Which actions credential {@code i} is granted: the first {@code 3 + i % 3} of the pool, rotated by i. */
    private static boolean granted(int i, int action, int pool) {
        int n = Math.min(pool - 1, 3 + i % 3);
        return Math.floorMod(action - i, pool) < n;
    }

    private void writeInventory() throws IOException {
        String[] kinds = {"aws_access_key", "gcp_service_account", "k8s_service_account", "api_key"};
        try (Writer w = writer(dir.resolve("inventory.ndjson"), false)) {
            for (int f = 0; f < FORMATS.length; f++) {
                String[] actions = actionsOf(f);
                // the last 5 % of each format's credentials are not inventoried (UNKNOWN_CREDENTIAL)
                for (int i = 0; i < credentialsPerFormat * 95 / 100; i++) {
                    String kind = f == 0 && i % 4 == 3 ? "aws_role" : kinds[f];
                    StringBuilder grants = new StringBuilder();
                    for (int a = 0; a < actions.length; a++) {
                        if (granted(i, a, actions.length)) {
                            grants.append(grants.isEmpty() ? "" : ",").append('"').append(actions[a]).append('"');
                        }
                    }
                    String extra = (i % 7 == 0 ? ",\"rotationDays\":180" : "")
                            + (i % 29 == 0 ? ",\"expiresAt\":\"2026-02-15T00:00:00Z\"" : "")
                            + (i % 31 == 0 ? ",\"revokedAt\":\"2026-03-01T00:00:00Z\"" : "");
                    w.write(inventory(credential(f, i), kind, i, grants.toString(), "2025-12-31T00:00:00Z", extra));
                    if (i % 13 == 0) {
                        w.write(inventory(credential(f, i), kind, i, grants + ",\"" + actions[Math.floorMod(i - 1, actions.length)] + "\"",
                                "2026-02-01T00:00:00Z", extra));
                    }
                }
            }
        }
    }

    private static String inventory(String id, String kind, int i, String grants, String asOf, String extra) {
        return "{\"credentialId\":\"" + id + "\",\"kind\":\"" + kind + "\",\"owner\":\"team-" + (i % 40) + "\",\"purpose\":"
                + "\"generated world\",\"grants\":[" + grants + "],\"denies\":[],\"createdAt\":\"2025-06-01T00:00:00Z\",\"asOf\":\""
                + asOf + "\"" + extra + "}\n";
    }

    private void writeFormat(int f, long n) throws IOException {
        Path out = Files.createDirectories(dir.resolve(FORMATS[f]));
        Random r = new Random(seed * 31 + f);
        String[] actions = actionsOf(f);
        int perFile = f == 0 ? RECORDS_PER_DELIVERY : LINES_PER_FILE;
        Writer w = null;
        int file = 0;
        for (long k = 0; k < n; k++) {
            if (k % perFile == 0) {
                close(w, f);
                w = writer(out.resolve(fileName(f, file++)), f == 0 || f == 3);
                if (f == 0) {
                    w.write("{\"Records\":[");
                }
            } else if (f == 0) {
                w.write(",");
            }
            long t = START + (long) ((double) k / n * SPAN) + (long) ((r.nextDouble() - 0.5) * 240_000);
            w.write(record(f, k, t, r, actions));
            if (f != 0) {
                w.write('\n');
            }
        }
        close(w, f);
    }

    private static String fileName(int f, int file) {
        return switch (f) {
            case 0 -> String.format("444455556666_CloudTrail_us-east-1_%06d.json.gz", file);
            case 3 -> String.format("kong-%05d.ndjson.gz", file);
            default -> String.format("part-%05d.ndjson", file);
        };
    }

    private static void close(Writer w, int f) throws IOException {
        if (w != null) {
            if (f == 0) {
                w.write("]}");
            }
            w.close();
        }
    }

    /** One event: who (skewed towards busy credentials), what, from where, with the drift mixed in. */
    private String record(int f, long k, long t, Random r, String[] actions) {
        double u = r.nextDouble();
        int i = (int) (credentialsPerFormat * u * u);
        long day = (t - START) / 86_400_000L;
        if (i % 17 == 5 && day >= 30 && day < 70) {
            i = (i + 1) % credentialsPerFormat; // credentials idle for 40 days, then back
        }
        int action;
        if (r.nextInt(1000) < 5) {
            action = r.nextInt(actions.length); // anything, often out of scope
        } else {
            do {
                action = r.nextInt(actions.length);
            } while (!granted(i, action, actions.length));
        }
        boolean denied = r.nextInt(100) == 0 || (i % 97 == 11 && day == 45);
        String ip = r.nextInt(2000) == 0 ? "203.0." + r.nextInt(255) + "." + r.nextInt(255) : "10." + f + "." + (i % 250) + "." + (1 + r.nextInt(200));
        boolean browser = r.nextInt(20_000) == 0;
        String agent = browser ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15" : agent(f, i);
        if (r.nextInt(50) == 0) {
            return human(f, k, t, r);
        }
        String id = "w" + f + "-" + k;
        return switch (f) {
            case 0 -> cloudtrail(id, i, AWS[action], t, ip, agent, denied);
            case 1 -> gcp(id, credential(1, i), actions[action], t, ip, agent, !denied);
            case 2 -> k8s(id, credential(2, i), K8S[action], t, ip, agent, denied ? 403 : 200);
            default -> kong(id, credential(3, i), KONG[action], k, t, ip, agent, denied ? 403 : 200);
        };
    }

    private static String agent(int f, int i) {
        return switch (f) {
            case 0 -> "aws-sdk-java/2.20." + (i % 9) + " Linux/5.10 OpenJDK_64-Bit_Server_VM/17";
            case 1 -> "google-api-go-client/0.5 gl-go/1.21";
            case 2 -> "worker/v1.0 (linux/amd64) kubernetes/abc";
            default -> "orders-client/2." + (i % 4);
        };
    }

    private static String human(int f, long k, long t, Random r) {
        String id = "h" + f + "-" + k;
        int p = r.nextInt(40);
        return switch (f) {
            case 0 -> "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAHUMAN:alice" + p
                    + "\",\"arn\":\"arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/alice" + p + "\",\"accountId\":"
                    + "\"444455556666\",\"accessKeyId\":\"ASIAHUMAN" + p + "\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
                    + "\"arn\":\"arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123\"},"
                    + "\"attributes\":{\"mfaAuthenticated\":\"true\"}}},\"eventTime\":\"" + Instant.ofEpochMilli(t) + "\",\"eventSource\":"
                    + "\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100." + p
                    + "\",\"userAgent\":\"console.amazonaws.com\",\"eventID\":\"" + id + "\"}";
            case 1 -> gcp(id, "person" + p + "@example.com", "storage.objects.get", t, "198.51.100." + p, "Mozilla/5.0", true);
            case 2 -> k8s(id, "person" + p + "@example.com", K8S[0], t, "198.51.100." + p, "kubectl/v1.29.0 (linux/amd64)", 200);
            default -> kong(id, "", KONG[0], k, t, "198.51.100." + p, "Mozilla/5.0", 401);
        };
    }

    private static String cloudtrail(String id, int i, String[] call, long t, String ip, String agent, boolean denied) {
        String identity;
        if (i % 4 == 3) {
            String role = credential(0, i);
            identity = "{\"type\":\"AssumedRole\",\"principalId\":\"AROAWORLD" + i + ":job\",\"arn\":\"arn:aws:sts::444455556666:"
                    + "assumed-role/world-role-" + i + "/job\",\"accountId\":\"444455556666\",\"accessKeyId\":\"ASIAWORLD" + i + "D"
                    + (t / 86_400_000L) + "\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"" + role
                    + "\",\"userName\":\"world-role-" + i + "\"}}}";
        } else {
            identity = "{\"type\":\"IAMUser\",\"principalId\":\"AIDAWORLD" + i + "\",\"arn\":\"arn:aws:iam::444455556666:user/svc-" + i
                    + "\",\"accountId\":\"444455556666\",\"accessKeyId\":\"" + credential(0, i) + "\",\"userName\":\"svc-" + i + "\"}";
        }
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":" + identity + ",\"eventTime\":\"" + Instant.ofEpochMilli(t / 1000 * 1000)
                + "\",\"eventSource\":\"" + call[0] + "\",\"eventName\":\"" + call[1] + "\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"" + ip + "\",\"userAgent\":\"" + agent + "\","
                + (denied ? "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"not authorized\"," : "")
                + "\"requestParameters\":{\"bucketName\":\"world-data\"},\"eventID\":\"" + id + "\",\"readOnly\":true,"
                + "\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"444455556666\"}";
    }

    private static String gcp(String id, String email, String permission, long t, String ip, String agent, boolean granted) {
        return "{\"insertId\":\"" + id + "\",\"logName\":\"projects/world/logs/cloudaudit.googleapis.com%2Fdata_access\","
                + "\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"authenticationInfo\":"
                + "{\"principalEmail\":\"" + email + "\"},\"requestMetadata\":{\"callerIp\":\"" + ip + "\",\"callerSuppliedUserAgent\":\""
                + agent + "\"},\"serviceName\":\"storage.googleapis.com\",\"methodName\":\"" + permission + "\",\"authorizationInfo\":"
                + "[{\"permission\":\"" + permission + "\",\"granted\":" + granted + "}],\"resourceName\":\"projects/_/buckets/world\"},"
                + "\"timestamp\":\"" + Instant.ofEpochMilli(t) + "\",\"severity\":\"INFO\"}";
    }

    private static String k8s(String id, String user, String[] call, long t, String ip, String agent, int code) {
        String group = call[1].isEmpty() ? "/api/v1" : "/apis/" + call[1] + "/v1";
        String time = Instant.ofEpochMilli(t).toString();
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + id + "\","
                + "\"stage\":\"ResponseComplete\",\"requestURI\":\"" + group + "/namespaces/prod/" + call[0] + "\",\"verb\":\"" + call[2]
                + "\",\"user\":{\"username\":\"" + user + "\"},\"sourceIPs\":[\"" + ip + "\"],\"userAgent\":\"" + agent + "\","
                + "\"objectRef\":{\"resource\":\"" + call[0] + "\",\"namespace\":\"prod\",\"apiGroup\":\"" + call[1] + "\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"code\":" + code + "},\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\"}";
    }

    private static String kong(String id, String consumer, String[] call, long k, long t, String ip, String agent, int status) {
        String path = call[1].replace("{n}", Long.toString(k % 100_000));
        String who = consumer.isEmpty() ? "" : ",\"consumer\":{\"username\":\"" + consumer + "\",\"id\":\"" + id + "\"}";
        return "{\"request\":{\"method\":\"" + call[0] + "\",\"uri\":\"" + path + "\",\"headers\":{\"user-agent\":\"" + agent
                + "\"}},\"response\":{\"status\":" + status + "},\"client_ip\":\"" + ip + "\"" + who + ",\"started_at\":" + t + "}";
    }

    private static Writer writer(Path p, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(p);
        if (gzip) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }
}
