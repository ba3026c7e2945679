package io.nhidrift.scaleout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * A generated multi-format stream with known alerts: 100 days of traffic of {@code perFormat} credentials in each of
 * four formats (CloudTrail access keys, Kong consumers, Kubernetes service accounts, GCP service accounts), plus their
 * inventory. Every credential uses its grants once a day from its own /24; by its index k it also misbehaves:
 *
 * <ul>
 *   <li>k % 6 == 0: one successful out-of-scope call on day 50 ({@code OUT_OF_SCOPE_USE});
 *   <li>k % 6 == 1: silent from day 30 to day 69 ({@code IDLE_CREDENTIAL}, then {@code DORMANT_REACTIVATED} on day 70);
 *   <li>k % 6 == 2: a call from a new network on day 60 ({@code NEW_CALLER});
 *   <li>k % 6 == 3: 12 denied calls within two minutes on day 40 ({@code ACCESS_DENIED_BURST});
 *   <li>k % 6 == 4: not in the inventory ({@code UNKNOWN_CREDENTIAL});
 *   <li>k % 6 == 5: silent from day 50 on ({@code IDLE_CREDENTIAL}).
 * </ul>
 * Every inventoried credential has one grant it never uses ({@code UNUSED_ENTITLEMENT} after 90 days).
 *
 * <p><b>Why the alert set is deterministic.</b> Each format has one raw partition, so its normalizer writes the events
 * topic in the input's order; and each format's credential ids are chosen so that they land on their own partitions of
 * the events topic (CloudTrail on 0 and 1, Kong on 2 and 3, Kubernetes on 4, GCP on 5 with six partitions). A detection
 * task therefore sees one format's events in one order, whichever instance runs it and however often it moves: two
 * formats' normalizers racing each other (which live input does) cannot reorder a task's event time.
 */
public final class ScaleInput {

    static final long DAY = 86_400_000L;
    static final int DAYS = 100;
    public static final int PARTITIONS = 6;
    public static final List<String> FORMATS = List.of("cloudtrail", "kong", "k8s-audit", "gcp-audit");
    private static final Map<String, Set<Integer>> PARTITIONS_OF = Map.of("cloudtrail", Set.of(0, 1), "kong", Set.of(2, 3),
            "k8s-audit", Set.of(4), "gcp-audit", Set.of(5));

    /** An inventory record: key, JSON line, record timestamp ({@code asOf}). */
    public record InventoryRecord(String credentialId, byte[] json, long asOf) {}

    /** One credential of the stream and the alerts its misbehaviour must give (types). */
    public record Credential(String format, String id, int index, boolean inventoried, List<String> expectedTypes) {}

    private final long start;
    private final List<Credential> credentials = new ArrayList<>();
    private final List<String> markers = new ArrayList<>();
    private final List<InventoryRecord> inventory = new ArrayList<>();
    private final Map<String, List<byte[]>> raw = new LinkedHashMap<>();
    private final Map<String, List<Timed>> timed = new LinkedHashMap<>();
    private int seq;

    private record Timed(long time, int seq, byte[] json) {}

    private ScaleInput(long start) {
        this.start = start;
    }

    /**
     * @param perFormat credentials per format (a multiple of 6 gives every behaviour equally often)
     * @param now the traffic ends 10 days before this instant (in the past, so no record is ahead of the wall clock)
     */
    public static ScaleInput build(int perFormat, long now) {
        long start = Math.floorDiv(now, DAY) * DAY - (DAYS + 10) * DAY;
        ScaleInput in = new ScaleInput(start);
        for (String format : FORMATS) {
            in.timed.put(format, new ArrayList<>());
            List<String> ids = ids(format, perFormat);
            for (int k = 0; k < ids.size(); k++) {
                in.add(format, ids.get(k), k);
            }
            List<byte[]> records = new ArrayList<>(in.timed.get(format).stream()
                    .sorted(java.util.Comparator.comparingLong(Timed::time).thenComparingInt(Timed::seq))
                    .map(Timed::json).toList());
            in.raw.put(format, records);
            for (String marker : markers(format)) {
                in.markers.add(marker);
                in.emit(format, marker, start + DAYS * DAY, normal(format, DAYS), "192.0.2.99", false);
                records.add(in.timed.get(format).get(in.timed.get(format).size() - 1).json());
            }
        }
        in.timed.clear();
        return in;
    }

    public List<Credential> credentials() {
        return credentials;
    }

    /**
     * One uninventoried credential per events partition, called once after all other traffic of its format: its
     * {@code UNKNOWN_CREDENTIAL} alert, once committed, proves that its partition processed everything before it.
     */
    public List<String> markers() {
        return markers;
    }

    /** Every credential id the stream uses, markers included. */
    public List<String> allIds() {
        List<String> ids = new ArrayList<>(credentials.stream().map(Credential::id).toList());
        ids.addAll(markers);
        return ids;
    }

    public List<InventoryRecord> inventory() {
        return inventory;
    }

    /** Raw records per input format, in time order. */
    public Map<String, List<byte[]>> raw() {
        return raw;
    }

    public int rawRecords() {
        return raw.values().stream().mapToInt(List::size).sum();
    }

    /** The events-topic partition of a key (the default partitioner: murmur2 of the UTF-8 key). */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static List<String> ids(String format, int count) {
        List<String> out = new ArrayList<>();
        for (int n = 0; out.size() < count; n++) {
            String id = id(format, "SCALE", n);
            if (PARTITIONS_OF.get(format).contains(partitionOf(id, PARTITIONS))) {
                out.add(id);
            }
        }
        return out;
    }

    /** A marker id per partition of the format. */
    private static List<String> markers(String format) {
        List<String> out = new ArrayList<>();
        for (int p : new TreeSet<>(PARTITIONS_OF.get(format))) {
            for (int n = 0;; n++) {
                String id = id(format, "MARKR", n);
                if (partitionOf(id, PARTITIONS) == p) {
                    out.add(id);
                    break;
                }
            }
        }
        return out;
    }

    private static String id(String format, String tag, int n) {
        String lower = tag.toLowerCase(java.util.Locale.ROOT);
        return switch (format) {
            case "cloudtrail" -> String.format("AKIA%s%011d", tag, n);
            case "kong" -> lower + "-consumer-" + n;
            case "k8s-audit" -> "system:serviceaccount:" + lower + ":worker-" + n;
            default -> lower + "-" + n + "@proj.iam.gserviceaccount.com";
        };
    }

    private void add(String format, String id, int k) {
        int behaviour = k % 6;
        boolean inventoried = behaviour != 4;
        List<String> expected = new ArrayList<>(switch (behaviour) {
            case 0 -> List.of("OUT_OF_SCOPE_USE");
            case 1 -> List.of("IDLE_CREDENTIAL", "DORMANT_REACTIVATED");
            case 2 -> List.of("NEW_CALLER");
            case 3 -> List.of("ACCESS_DENIED_BURST");
            case 4 -> List.of("UNKNOWN_CREDENTIAL");
            default -> List.of("IDLE_CREDENTIAL");
        });
        if (inventoried) {
            expected.add("UNUSED_ENTITLEMENT");
        }
        credentials.add(new Credential(format, id, k, inventoried, List.copyOf(expected)));
        if (inventoried) {
            String json = "{\"credentialId\":\"" + id + "\",\"kind\":\"" + kind(format) + "\",\"owner\":\"team-scale\",\"grants\":["
                    + grants(format) + "],\"denies\":[],\"asOf\":\"" + Instant.ofEpochMilli(start - DAY) + "\"}";
            inventory.add(new InventoryRecord(id, json.getBytes(StandardCharsets.UTF_8), start - DAY));
        }
        String net = "10." + (FORMATS.indexOf(format) + 1) + "." + k + ".";
        for (int d = 0; d < DAYS; d++) {
            long t = start + d * DAY + k * 60_000L + FORMATS.indexOf(format) * 7_000L;
            if (behaviour == 1 && d >= 30 && d < 70 || behaviour == 5 && d >= 50) {
                continue;
            }
            emit(format, id, t, normal(format, d), net + (d % 5 + 10), false);
            if (behaviour == 0 && d == 50) {
                emit(format, id, t + 1_000, outOfScope(format), net + "10", false);
            } else if (behaviour == 2 && d == 60) {
                emit(format, id, t + 1_000, normal(format, d), "203.0.113." + (k % 250 + 1), false);
            } else if (behaviour == 3 && d == 40) {
                for (int i = 0; i < 12; i++) {
                    emit(format, id, t + 1_000 + i * 5_000L, outOfScope(format), net + "10", true);
                }
            }
        }
    }

    private static String kind(String format) {
        return switch (format) {
            case "cloudtrail" -> "aws_access_key";
            case "kong" -> "api_key";
            case "k8s-audit" -> "k8s_service_account";
            default -> "gcp_service_account";
        };
    }

    /** In-scope grants (the second is the one never used). */
    private static String grants(String format) {
        return switch (format) {
            case "cloudtrail" -> "\"s3:GetObject\",\"dynamodb:Query\"";
            case "kong" -> "\"GET /v1/invoices/*\",\"POST /v1/refunds\"";
            case "k8s-audit" -> "\"configmaps:get\",\"secrets:list\"";
            default -> "\"storage.objects.get\",\"bigquery.tables.getData\"";
        };
    }

    private static String normal(String format, int day) {
        return switch (format) {
            case "cloudtrail" -> "s3.amazonaws.com GetObject";
            case "kong" -> "GET /v1/invoices/" + day;
            case "k8s-audit" -> "get configmaps";
            default -> "storage.objects.get";
        };
    }

    private static String outOfScope(String format) {
        return switch (format) {
            case "cloudtrail" -> "iam.amazonaws.com CreateUser";
            case "kong" -> "DELETE /v1/invoices/7";
            case "k8s-audit" -> "delete secrets";
            default -> "storage.objects.delete";
        };
    }

    private void emit(String format, String id, long time, String action, String ip, boolean denied) {
        String t = Instant.ofEpochMilli(time).toString();
        String eventId = "scale-" + (++seq);
        String[] a = action.split(" ");
        String json = switch (format) {
            case "cloudtrail" -> "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDASCALE\","
                    + "\"arn\":\"arn:aws:iam::111122223333:user/scale\",\"accountId\":\"111122223333\",\"accessKeyId\":\"" + id
                    + "\",\"userName\":\"scale\"},\"eventTime\":\"" + t + "\",\"eventSource\":\"" + a[0] + "\",\"eventName\":\"" + a[1]
                    + "\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"" + ip + "\",\"userAgent\":\"aws-cli/2.15.30 Python/3.11.8\","
                    + (denied ? "\"errorCode\":\"AccessDenied\"," : "") + "\"eventID\":\"" + eventId + "\"}";
            case "kong" -> "{\"request\":{\"method\":\"" + a[0] + "\",\"uri\":\"" + a[1] + "\",\"headers\":{\"user-agent\":\"billing/1.0\"}},"
                    + "\"response\":{\"status\":" + (denied ? 403 : 200) + "},\"client_ip\":\"" + ip + "\",\"consumer\":{\"username\":\""
                    + id + "\",\"id\":\"" + eventId + "\"},\"started_at\":" + time + "}";
            case "k8s-audit" -> "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + eventId
                    + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/scale/" + a[1] + "\",\"verb\":\"" + a[0]
                    + "\",\"user\":{\"username\":\"" + id + "\"},\"sourceIPs\":[\"" + ip + "\"],\"userAgent\":\"worker/v1.0 (linux/amd64) kubernetes/abc\","
                    + "\"objectRef\":{\"resource\":\"" + a[1] + "\",\"namespace\":\"scale\",\"apiVersion\":\"v1\"},"
                    + "\"responseStatus\":{\"code\":" + (denied ? 403 : 200) + "},\"requestReceivedTimestamp\":\"" + t
                    + "\",\"stageTimestamp\":\"" + t + "\"}";
            default -> "{\"insertId\":\"" + eventId + "\",\"logName\":\"projects/proj/logs/cloudaudit.googleapis.com%2Fdata_access\","
                    + "\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"authenticationInfo\":"
                    + "{\"principalEmail\":\"" + id + "\"},\"requestMetadata\":{\"callerIp\":\"" + ip + "\",\"callerSuppliedUserAgent\":"
                    + "\"google-cloud-sdk gcloud/450.0.0\"},\"serviceName\":\"storage.googleapis.com\",\"methodName\":\"" + action + "\","
                    + "\"authorizationInfo\":[{\"permission\":\"" + action + "\",\"granted\":" + !denied + "}],"
                    + "\"resourceName\":\"projects/_/buckets/b/objects/o\"},\"timestamp\":\"" + t + "\",\"severity\":\""
                    + (denied ? "ERROR" : "INFO") + "\"" + (denied ? ",\"status\":{\"code\":7}" : "") + "}";
        };
        timed.get(format).add(new Timed(time, seq, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Formats in this input, sorted (the {@code inputs} value). */
    public static String inputs() {
        return String.join(",", new TreeSet<>(FORMATS));
    }
}
