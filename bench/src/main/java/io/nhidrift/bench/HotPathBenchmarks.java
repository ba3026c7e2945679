package io.nhidrift.bench;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.cloudtrail.CloudTrailAdapter;
import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.detect.DriftEngine;
import io.nhidrift.detect.StateAccess;
import io.nhidrift.inventory.CompiledEntitlement;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH microbenchmarks of the per-event code: adapter parse, grant matching, and the state update of
 * one event (detectors + state read/write with the store's serde). Run by {@code scripts/bench}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.nhidrift.avro,java.lang,java.util"})
public class HotPathBenchmarks {

    static final String RECORD = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA6ON6E4XEGITEXAMPLE\","
            + "\"arn\":\"arn:aws:iam::888888888888:user/exporter\",\"accountId\":\"888888888888\",\"accessKeyId\":\"AKIAEXAMPLEKEY000001\","
            + "\"userName\":\"exporter\"},\"eventTime\":\"2026-07-02T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\","
            + "\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"10.20.30.41\","
            + "\"userAgent\":\"[aws-cli/2.13.5 Python/3.11.4 Linux/5.10.184-175.749.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/s3.cp]\","
            + "\"requestParameters\":{\"bucketName\":\"exports-prod\",\"Host\":\"exports-prod.s3.us-east-1.amazonaws.com\","
            + "\"key\":\"daily/2026-07-01/part-0001.parquet\"},\"responseElements\":null,\"additionalEventData\":{\"SignatureVersion\":\"SigV4\","
            + "\"CipherSuite\":\"ECDHE-RSA-AES128-GCM-SHA256\",\"bytesTransferredIn\":0,\"AuthenticationMethod\":\"AuthHeader\","
            + "\"x-amz-id-2\":\"Fz3c7Fz1Wv3i0QzQGvYk9m2q1u4Hc3m1kG0E8m4q2\",\"bytesTransferredOut\":1048576},"
            + "\"requestID\":\"7QYX4N0J3C9H2K1M\",\"eventID\":\"5d4a2b1c-0e9f-4a8b-b7c6-d5e4f3a2b1c0\",\"readOnly\":true,"
            + "\"resources\":[{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::exports-prod/daily/2026-07-01/part-0001.parquet\"},"
            + "{\"accountId\":\"888888888888\",\"type\":\"AWS::S3::Bucket\",\"ARN\":\"arn:aws:s3:::exports-prod\"}],"
            + "\"eventType\":\"AwsApiCall\",\"managementEvent\":false,\"recipientAccountId\":\"888888888888\","
            + "\"eventCategory\":\"Data\",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.2\",\"cipherSuite\":\"ECDHE-RSA-AES128-GCM-SHA256\","
            + "\"clientProvidedHostHeader\":\"exports-prod.s3.us-east-1.amazonaws.com\"}}";

    @State(Scope.Thread)
    public static class Parse {
        final CloudTrailAdapter adapter = new CloudTrailAdapter();
        final byte[] raw = RECORD.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ParseResult cloudTrailParse(Parse s) throws AdapterException {
        return s.adapter.parse(s.raw);
    }

    @State(Scope.Thread)
    public static class Grants {
        CompiledEntitlement compiled;
        String[] actions = {"s3:GetObject", "s3:ListBucket", "iam:CreateUser", "lambda:UpdateFunctionCode", "ec2:DescribeInstances"};
        int i;

        @Setup
        public void setup() {
            List<String> g = new ArrayList<>(List.of("s3:GetObject", "s3:List*", "dynamodb:*", "lambda:Get*", "lambda:UpdateFunctionCode",
                    "sqs:SendMessage", "sqs:ReceiveMessage", "kms:Decrypt", "ec2:Describe*", "logs:*"));
            for (int k = 0; k < 10; k++) {
                g.add("svc" + k + ":Action" + k);
            }
            compiled = new CompiledEntitlement(g, List.of("s3:Delete*"));
        }
    }

    @Benchmark
    public boolean grantMatch(Grants s) {
        return s.compiled.inScope(s.actions[s.i++ % s.actions.length]);
    }

    /** One event through the engine, with the state read and written through the store's serde. */
    @State(Scope.Thread)
    public static class Engine {
        final AppSerdes serdes = AppSerdes.create(null);
        final Map<String, byte[]> states = new HashMap<>();
        final Map<String, Entitlement> inventory = new HashMap<>();
        final TreeMap<String, byte[]> index = new TreeMap<>();
        DriftEngine engine;
        UsageEvent[] events;
        long n;

        @Setup(Level.Trial)
        public void setup() {
            AvroSerde<CredentialState> serde = serdes.credentialState();
            StateAccess access = new StateAccess() {
                public CredentialState state(String id) {
                    byte[] b = states.get(id);
                    return b == null ? null : serde.fromBytes(b);
                }

                public void putState(CredentialState s) {
                    states.put(s.getCredentialId(), serde.toBytes(s));
                }

                public Entitlement entitlement(String id) {
                    return inventory.get(id);
                }

                public void putEntitlement(Entitlement e) {
                    inventory.put(e.getCredentialId(), e);
                }

                public void putDue(long due, byte kind, String id) {
                    index.put(String.format("%020d%c%s", due, (char) kind, id), new byte[0]);
                }

                public void deleteDue(long due, byte kind, String id) {
                    index.remove(String.format("%020d%c%s", due, (char) kind, id));
                }

                public List<DueEntry> dueUpTo(long threshold, int max) {
                    return List.of();
                }

                public Long earliestDue() {
                    return null;
                }
            };
            List<Alert> sink = new ArrayList<>();
            engine = new DriftEngine(AppConfig.defaults().detection(), access, a -> sink.clear(), false);
            events = new UsageEvent[1000];
            for (int i = 0; i < 1000; i++) {
                String id = "AKIABENCH" + String.format("%011d", i);
                engine.onInventory(Entitlement.newBuilder().setCredentialId(id).setKind("aws_access_key")
                        .setGrants(List.of("s3:GetObject", "s3:List*", "sqs:*")).setAsOf(1_700_000_000_000L).build(), 0, 0);
                events[i] = io.nhidrift.adapter.Events.builder("cloudtrail", "e" + i, id, i % 7 == 0 ? "s3:ListBucket" : "s3:GetObject",
                        1_700_000_100_000L).setSourceIp("10.1.2." + (i % 250)).setUserAgent("aws-cli/2.13.5 Python/3.11").build();
            }
        }
    }

    @Benchmark
    public void engineOnEvent(Engine s) {
        UsageEvent e = s.events[(int) (s.n % s.events.length)];
        e.setEventId("e" + s.n);
        e.setEventTime(1_700_000_100_000L + s.n);
        s.n++;
        s.engine.onEvent(e, 0);
    }
}
