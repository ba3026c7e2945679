package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.config.AppConfig;
import io.nhidrift.testing.TopologyTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus ({@link HostileCorpus}) of every input format through {@code replay}: no crash, no hang
 * (a deadline), bounded memory, and every record accounted for: per input, events + not attributable + rejected
 * equals the records written.
 */
@TopologyTest
class HostileInputReplayTest {

    /** A valid record of each format, the seed every hostile record is made from. */
    static final Map<String, String> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("cloudtrail", "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accessKeyId\":"
                + "\"AKIAHOSTILE000000001\",\"arn\":\"arn:aws:iam::111122223333:user/u\"},\"eventTime\":\"2026-03-01T00:00:00Z\","
                + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"sourceIPAddress\":\"10.1.1.9\","
                + "\"userAgent\":\"aws-cli/2.13.1\",\"eventID\":\"e-1\"}");
        TEMPLATES.put("gcp-audit", "{\"insertId\":\"i-1\",\"protoPayload\":{\"authenticationInfo\":{\"principalEmail\":"
                + "\"x@p.iam.gserviceaccount.com\"},\"requestMetadata\":{\"callerIp\":\"10.2.2.4\",\"callerSuppliedUserAgent\":\"gcloud/450\"},"
                + "\"methodName\":\"storage.objects.get\",\"authorizationInfo\":[{\"permission\":\"storage.objects.get\",\"granted\":true}]},"
                + "\"timestamp\":\"2026-03-01T00:00:00Z\"}");
        TEMPLATES.put("k8s-audit", "{\"kind\":\"Event\",\"auditID\":\"a-1\",\"verb\":\"get\",\"user\":{\"username\":"
                + "\"system:serviceaccount:prod:api\"},\"sourceIPs\":[\"10.3.3.8\"],\"userAgent\":\"kubectl/v1.29\",\"objectRef\":"
                + "{\"resource\":\"secrets\",\"namespace\":\"prod\"},\"responseStatus\":{\"code\":200},\"requestReceivedTimestamp\":"
                + "\"2026-03-01T00:00:00.000000Z\"}");
        TEMPLATES.put("kong", "{\"request\":{\"method\":\"GET\",\"uri\":\"/v1/a?apikey=s3cr3t\",\"headers\":{\"user-agent\":\"b/1\"}},"
                + "\"response\":{\"status\":200},\"client_ip\":\"10.4.4.2\",\"consumer\":{\"username\":\"svc\"},\"started_at\":1772323200000}");
        TEMPLATES.put("azure-signin", "{\"id\":\"g-1\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"appId\":\"app-1\",\"appDisplayName\":"
                + "\"deployer\",\"servicePrincipalId\":\"sp-1\",\"ipAddress\":\"198.51.100.4\",\"resourceDisplayName\":\"Microsoft Graph\","
                + "\"signInEventTypes\":[\"servicePrincipal\"],\"status\":{\"errorCode\":0}}");
        TEMPLATES.put("azure-activity", "{\"time\":\"2026-03-01T00:00:00.0000000Z\",\"operationName\":\"Microsoft.Compute/virtualMachines/write\","
                + "\"category\":\"Administrative\",\"resultType\":\"Success\",\"callerIpAddress\":\"20.1.2.3\",\"correlationId\":\"c-1\","
                + "\"identity\":{\"claims\":{\"appid\":\"app-42\",\"idtyp\":\"app\"}},\"properties\":{\"statusCode\":\"OK\",\"eventDataId\":\"ed-1\"}}");
        TEMPLATES.put("github-audit", "{\"@timestamp\":1772323200000,\"_document_id\":\"d1\",\"action\":\"api.request\",\"actor\":\"bot\","
                + "\"actor_ip\":\"192.0.2.10\",\"request_method\":\"get\",\"route\":\"/repos/{owner}/{repo}\",\"status_code\":200,"
                + "\"token_id\":555,\"user_agent\":\"curl/8.0\"}");
        TEMPLATES.put("gateway-json", "{\"requestId\":\"r-1\",\"ip\":\"1.128.0.1\",\"apiKeyId\":\"key-7\",\"requestTime\":"
                + "\"01/Mar/2026:00:00:00 +0000\",\"httpMethod\":\"get\",\"resourcePath\":\"/pets/{petId}\",\"status\":\"200\"}");
        TEMPLATES.put("ocsf", "{\"class_uid\":6003,\"activity_id\":2,\"time\":1772323200000,\"status_id\":1,\"metadata\":{\"uid\":\"m-1\"},"
                + "\"actor\":{\"user\":{\"uid\":\"arn:aws:iam::1:user/etl\",\"credential_uid\":\"AKIAEXAMPLE000000001\",\"type\":\"IAMUser\"}},"
                + "\"api\":{\"operation\":\"GetObject\",\"service\":{\"name\":\"s3\"}},\"src_endpoint\":{\"ip\":\"203.0.113.5\"}}");
    }

    @TempDir
    static Path dir;

    @Test
    void everyFormatsHostileCorpusIsReplayedWithoutCrashHangOrLoss() throws Exception {
        assertEquals(Adapters.formats().stream().sorted().toList(), TEMPLATES.keySet().stream().sorted().toList(),
                "a template for every input format");
        byte[] zeroBomb = HostileCorpus.bomb(32, (byte) 0);
        byte[] spaceBomb = HostileCorpus.bomb(32, (byte) ' ');
        Map<String, Long> expected = new LinkedHashMap<>();
        List<ReplayRunner.Input> inputs = new ArrayList<>();
        for (Map.Entry<String, String> t : TEMPLATES.entrySet()) {
            HostileCorpus corpus = new HostileCorpus(t.getKey(), t.getValue());
            Path formatDir = dir.resolve(t.getKey());
            corpus.write(formatDir, zeroBomb, spaceBomb);
            ReplayRunner.Input input = new ReplayRunner.Input(t.getKey(), formatDir);
            inputs.add(input);
            expected.put(input.toString(), corpus.expectedRecords());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReplayReport report = new ReplayReport(new PrintStream(err, false, StandardCharsets.UTF_8));
        AppConfig config = AppConfig.defaults().with(Map.of("replay.max-expanded-bytes", "1MiB"));
        long peak;
        try (LiveHeap live = LiveHeap.watch()) {
            assertTimeoutPreemptively(Duration.ofSeconds(600), () -> { // a deadline against hangs, not a speed test
                new ReplayRunner(config, inputs, report).run(List.of(), inputs, null, OutputStream.nullOutputStream());
            });
            peak = live.maxAfterGc();
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            ReplayReport.InputCounts c = report.inputs().get(e.getKey());
            assertEquals(e.getValue(), c.items(), e.getKey() + ": events " + c.events + " + not attributable " + c.skipped
                    + " + rejected " + c.rejected + " must equal the records written");
            assertTrue(c.rejected >= HostileCorpus.BOMBS + HostileCorpus.PER_KIND, e.getKey() + " rejected " + c.rejected);
        }
        assertTrue(stderr.contains("replay.max-expanded-bytes"), "bombs are reported");
        assertFalse(stderr.contains("\u001b") || stderr.contains("\u0000"), "stderr is escaped");
        assertTrue(peak < 1024L * 1024 * 1024, "live heap after a GC reached " + peak / (1024 * 1024) + " MiB");
    }

    /**
     * The most heap still in use right after a garbage collection while watched: what was live, not garbage that was
     * waiting to be collected (the sum of the pools' peaks counted that, and anything other tests of this JVM allocated).
     */
    private static final class LiveHeap implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
        private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();
        private final javax.management.NotificationListener listener = (n, handback) -> {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) n.getUserData());
                long used = 0;
                for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    var after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                    if (pool.getType() == MemoryType.HEAP && after != null) {
                        used += after.getUsed();
                    }
                }
                max.accumulateAndGet(used, Math::max);
            }
        };

        static LiveHeap watch() {
            System.gc();
            LiveHeap h = new LiveHeap();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(h.listener, null, null);
                    h.emitters.add(e);
                }
            }
            return h;
        }

        /** The largest live heap seen after a collection; one more collection at the end counts the state then. */
        long maxAfterGc() {
            System.gc();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (max.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the notification of the collection above arrives on another thread
            }
            return max.get();
        }

        @Override
        public void close() {
            for (var e : emitters) {
                try {
                    e.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // never added
                }
            }
        }
    }
}
