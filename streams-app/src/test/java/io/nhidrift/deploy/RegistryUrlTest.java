package io.nhidrift.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.nhidrift.avro.Alert;
import io.nhidrift.serde.ConfluentWireAvroSerde;
import io.nhidrift.testing.UnitTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The registry URL the deployment files give nhi-drift reaches Apicurio's own API: the alert serde (Apicurio 2.6
 * serdes) registers schemas under /apis/registry/v2/, which its client appends to any URL not ending in it, so the
 * Confluent-compatible URL (/apis/ccompat/v7, for Confluent consumers) is the wrong one for nhi-drift. A local
 * server records the paths the serializer asks for (it answers 404; the serializer's failure is expected).
 */
@UnitTest
class RegistryUrlTest {

    @Test
    void composeAndKubernetesRegistryUrlsReachApicuriosV2Api() throws Exception {
        String compose = DeployFiles.environment(DeployFiles.services().get("nhi-drift-1")).get("NHI_DRIFT_REGISTRY_URL");
        Properties k8s = new Properties();
        k8s.load(new java.io.StringReader(DeploymentFilesTest.k8sNamed("ConfigMap", "nhi-drift-config")
                .at("/data/nhi-drift.properties").asText()));
        for (String url : List.of(compose, k8s.getProperty("registry.url"))) {
            List<String> paths = pathsRequested(URI.create(url).getPath());
            assertFalse(paths.isEmpty(), url);
            assertTrue(paths.stream().allMatch(p -> p.startsWith("/apis/registry/v2/groups/")), url + " -> " + paths);
        }
        List<String> ccompat = pathsRequested("/apis/ccompat/v7");
        assertTrue(ccompat.stream().allMatch(p -> p.startsWith("/apis/ccompat/v7/apis/registry/v2/")),
                "a ccompat URL gets Apicurio's path appended: " + ccompat);
    }

    /** Paths the alert serializer requests from a registry at {@code http://127.0.0.1:<port><basePath>}. */
    private static List<String> pathsRequested(String basePath) throws Exception {
        List<String> paths = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            paths.add(x.getRequestURI().getPath());
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
            Alert a = Alert.newBuilder().setAlertId("a1").setType("UNKNOWN_CREDENTIAL").setSeverity("MEDIUM")
                    .setCredentialId("AKIA1").setSubject(List.of("x")).setEventTime(Instant.parse("2026-07-01T00:00:00Z"))
                    .setSummary("s").setEvidenceJson("{}").build();
            try {
                ConfluentWireAvroSerde.forAlerts(url).serializer().serialize("nhi.alerts", a);
            } catch (RuntimeException expected) {
                // 404 from the stand-in registry
            }
            return new ArrayList<>(paths);
        } finally {
            server.stop(0);
        }
    }
}
