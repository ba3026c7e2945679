package io.nhidrift.adapter.k8s;

import static io.nhidrift.adapter.AdapterTestSupport.only;
import static io.nhidrift.adapter.AdapterTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.AdapterTestSupport;
import io.nhidrift.adapter.AdapterTestSupport.Tally;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class K8sAuditAdapterTest {

    private final K8sAuditAdapter adapter = new K8sAuditAdapter();

    private static String event(String objectRef, String verb, String extra) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"a-1\","
                + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/apis/x?watch=true\",\"verb\":\"" + verb + "\","
                + "\"user\":{\"username\":\"system:serviceaccount:ci:deployer\",\"groups\":[\"system:serviceaccounts\"]},"
                + "\"sourceIPs\":[\"10.0.0.5\",\"10.0.0.6\"],\"userAgent\":\"kubectl/v1.29.0\","
                + (objectRef == null ? "" : "\"objectRef\":" + objectRef + ",")
                + "\"responseStatus\":{\"code\":200},"
                + "\"requestReceivedTimestamp\":\"2024-03-01T12:00:00.000001Z\",\"stageTimestamp\":\"2024-03-01T12:00:01Z\""
                + extra + "}";
    }

    @Test
    void contractActionStrings() throws AdapterException {
        UsageEvent secrets = only(parse(adapter, event(
                "{\"resource\":\"secrets\",\"namespace\":\"prod\",\"name\":\"db\",\"apiVersion\":\"v1\"}", "get", "")));
        assertEquals("secrets:get", secrets.getAction());
        assertEquals("system:serviceaccount:ci:deployer", secrets.getCredentialId());
        assertEquals("k8s_service_account", secrets.getCredentialKind());
        assertEquals("10.0.0.5", secrets.getSourceIp());
        assertEquals("kubectl/v1.29.0", secrets.getUserAgent());
        assertEquals("a-1", secrets.getEventId());
        assertEquals("prod/db", secrets.getResource());
        assertEquals("prod", secrets.getAttributes().get("namespace"));
        assertEquals(Instant.parse("2024-03-01T12:00:00Z").toEpochMilli(), secrets.getEventTime());

        assertEquals("secrets:get", only(parse(adapter, event(
                "{\"resource\":\"secrets\",\"apiGroup\":\"\",\"namespace\":\"prod\"}", "get", ""))).getAction());
        assertEquals("deployments.apps:patch", only(parse(adapter, event(
                "{\"resource\":\"deployments\",\"apiGroup\":\"apps\",\"namespace\":\"prod\",\"name\":\"web\"}", "patch", "")))
                .getAction());
        assertEquals("pods/exec:create", only(parse(adapter, event(
                "{\"resource\":\"pods\",\"subresource\":\"exec\",\"namespace\":\"prod\",\"name\":\"p\"}", "create", "")))
                .getAction());
        assertEquals("/apis/x:get", only(parse(adapter, event(null, "get", ""))).getAction(), "non-resource URL, no query");
    }

    @Test
    void deniedStagesAnnotationsAndEksExtras() throws AdapterException {
        String forbidden = event("{\"resource\":\"secrets\",\"namespace\":\"kube-system\"}", "list",
                ",\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\",\"authorization.k8s.io/reason\":\"\"}")
                .replace("\"code\":200", "\"code\":403,\"reason\":\"Forbidden\"")
                .replace("\"groups\"", "\"extra\":{\"accessKeyId\":[\"AKIAEXAMPLE\"],\"arn\":[\"arn:aws:sts::1:assumed-role/r/s\"],"
                        + "\"sessionName\":[\"s\"]},\"groups\"");
        UsageEvent e = only(parse(adapter, forbidden));
        assertTrue(e.getDenied());
        assertEquals("Forbidden", e.getErrorCode());
        assertEquals("forbid", e.getAttributes().get("authorization.k8s.io/decision"));
        assertEquals("403", e.getAttributes().get("responseCode"));
        assertEquals("AKIAEXAMPLE", e.getAttributes().get("accessKeyId"));
        assertEquals("arn:aws:sts::1:assumed-role/r/s", e.getAttributes().get("arn"));

        String base = event("{\"resource\":\"pods\"}", "list", "");
        for (String stage : List.of("RequestReceived", "ResponseStarted")) {
            ParseResult r = parse(adapter, base.replace("ResponseComplete", stage));
            assertEquals(List.of("stage " + stage + " not counted"), r.skipped());
        }
        UsageEvent panic = only(parse(adapter, base.replace("ResponseComplete", "Panic").replace("\"code\":200", "\"code\":500")));
        assertEquals("500", panic.getErrorCode());
        UsageEvent noStage = only(parse(adapter, base.replace("\"stage\":\"ResponseComplete\",", "")));
        assertFalse(noStage.getDenied());

        ParseResult list = parse(adapter, "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1beta1\",\"items\":["
                + base + "," + base.replace("\"a-1\"", "\"a-2\"").replace("ResponseComplete", "RequestReceived") + ","
                + base.replace("\"a-1\"", "\"a-3\"") + "]}");
        assertEquals(2, list.events().size());
        assertEquals(1, list.skipped().size());

        String v1beta1 = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1beta1\",\"metadata\":{\"creationTimestamp\":\"2018-10-26T13:38:34Z\"},"
                + "\"verb\":\"get\",\"requestURI\":\"/healthz\",\"user\":{\"username\":\"minikube-user\"},\"auditID\":\"b\"}";
        UsageEvent old = only(parse(adapter, v1beta1));
        assertEquals("/healthz:get", old.getAction());
        assertEquals("other", old.getCredentialKind());
        assertEquals(Instant.parse("2018-10-26T13:38:34Z").toEpochMilli(), old.getEventTime());
    }

    @Test
    void hostileInputIsRejectedWithReason() {
        AdapterTestSupport.assertRejectsHostileInput(adapter, event("{\"resource\":\"pods\"}", "get", ""));
    }

    @Test
    void everyRealSampleRecordIsAccountedFor() throws Exception {
        Path dir = AdapterTestSupport.samples().resolve("k8s_audit");
        List<byte[]> falco = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("falco_k8s_audit_trace_files"))) {
            for (Path f : files.sorted().toList()) {
                falco.addAll(AdapterTestSupport.documentOrNdjson(f));
            }
        }
        Tally fal = AdapterTestSupport.run(adapter, "falco_k8s_audit_trace_files/*.json (46 files)", falco);
        Tally eks = AdapterTestSupport.run(adapter, "panther-analysis_eks_audit_rule_tests.ndjson",
                AdapterTestSupport.panther(dir.resolve("panther-analysis_eks_audit_rule_tests.ndjson")));
        assertEquals(51, fal.records);
        assertEquals(49, fal.normalized);
        assertEquals(2, fal.skipped); // exec_pod / attach_pod are ResponseStarted (101 upgrade) records
        assertEquals(0, fal.failed);
        assertEquals(2, fal.reasons.get("skip: stage ResponseStarted not counted"));
        assertEquals(34, fal.all.stream().filter(e -> e.getCredentialId().equals("minikube-user")).count());
        assertEquals(10, fal.all.stream().filter(e -> "k8s_service_account".equals(e.getCredentialKind())).count());
        assertTrue(fal.all.stream().anyMatch(e -> e.getAction().equals("secrets:create")
                && "test2/default-token-7v4pb".equals(e.getResource())));

        assertEquals(188, eks.records);
        assertEquals(11, eks.normalized);
        assertEquals(34, eks.skipped); // 31 without user.username, 3 ResponseStarted
        assertEquals(143, eks.failed); // Panther stripped the time fields of 130 fixtures; 11 have no verb
        assertEquals(130, eks.reasons.get("fail: no timestamp"));
        assertEquals(11, eks.reasons.get("fail: no verb"));
        assertEquals(31, eks.reasons.get("skip: no user.username"));
        assertEquals(4, eks.all.stream().filter(UsageEvent::getDenied).count()); // 3 coredns watches + 1 anonymous get
        assertEquals(5, eks.all.stream().filter(e -> e.getAction().equals("endpointslices.discovery.k8s.io:watch")).count());
        assertEquals(3, eks.all.stream().filter(e -> e.getAction().equals("serviceaccounts/token:create")).count());
        UsageEvent addon = eks.all.stream().filter(e -> e.getCredentialId().equals("eks:addon-manager")).findFirst().orElseThrow();
        assertEquals("deployments.apps:get", addon.getAction());
        assertTrue(addon.getAttributes().containsKey("accessKeyId"));
        assertEquals(Instant.parse("2022-12-01T18:20:25.054Z").toEpochMilli(), addon.getEventTime(), "zone-less = UTC");
    }
}
