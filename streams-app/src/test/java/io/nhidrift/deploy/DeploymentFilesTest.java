package io.nhidrift.deploy;

import static io.nhidrift.deploy.DeployFiles.docker;
import static io.nhidrift.deploy.DeployFiles.environment;
import static io.nhidrift.deploy.DeployFiles.k8s;
import static io.nhidrift.deploy.DeployFiles.nhiDriftInstances;
import static io.nhidrift.deploy.DeployFiles.pinned;
import static io.nhidrift.deploy.DeployFiles.services;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.app.StreamsProperties;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigLoader;
import io.nhidrift.testing.UnitTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/compose.yaml, docker/k8s/ and docker/Dockerfile, parsed and checked against what nhi-drift really reads
 * (its configuration keys, their environment spelling, the Kafka Streams settings they become). No container is
 * started: no Docker engine runs here. {@code docker compose config} runs in its own test method, only where a
 * docker binary with the compose plugin (or docker-compose) exists; elsewhere that method is skipped by an assumption
 * that says so, and the parse checks still run.
 */
@UnitTest
class DeploymentFilesTest {

    static final String STATE_DIR = "/var/lib/nhi-drift";

    @Test
    void composeHasTheClusterTwoInstancesAndTheirCompanions() {
        Map<String, JsonNode> s = services();
        assertTrue(s.keySet().containsAll(List.of("kafka-1", "kafka-2", "kafka-3", "registry", "nhi-drift-1",
                "nhi-drift-2", "importer", "shipper", "prometheus", "grafana")), s.keySet().toString());
        assertEquals(3, s.values().stream().filter(v -> v.path("image").asText().startsWith("apache/kafka:4.")).count(),
                "three brokers of a 4.x apache/kafka image");
        assertEquals(Set.of("nhi-drift-1", "nhi-drift-2"), nhiDriftInstances().keySet());
        assertTrue(s.get("registry").path("image").asText().startsWith("apicurio/apicurio-registry"));
        List<String> importer = new ArrayList<>();
        s.get("importer").path("command").forEach(c -> importer.add(c.asText()));
        assertEquals("import", importer.get(0), "the importer runs the import subcommand");
        assertTrue(importer.contains("--topic") && importer.contains("--bootstrap-servers"), importer.toString());
        assertEquals("no", s.get("importer").path("restart").asText(), "the importer is a one-shot job");
        List<String> builders = new ArrayList<>();
        s.forEach((name, v) -> {
            if (v.has("build")) {
                builders.add(name);
                Path context = docker().resolve(v.at("/build/context").asText()).normalize();
                assertTrue(Files.isRegularFile(context.resolve(v.at("/build/dockerfile").asText())), name + " builds from a missing Dockerfile");
                assertEquals(DeployFiles.root().normalize(), context, "the build context is the repository root (.dockerignore)");
            }
        });
        assertEquals(1, builders.size(), "one service builds the nhi-drift image, the others use it: " + builders);
    }

    @Test
    void kraftBrokersShareOneClusterIdAndQuorumAndOneIsReachableFromTheHost() {
        Set<String> clusterIds = new HashSet<>();
        Set<String> nodeIds = new HashSet<>();
        for (String b : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, String> env = environment(services().get(b));
            clusterIds.add(env.get("CLUSTER_ID"));
            nodeIds.add(env.get("KAFKA_NODE_ID"));
            Uuid.fromString(env.get("CLUSTER_ID")); // a KRaft cluster id is a base64 UUID, else the broker refuses to format
            assertEquals("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093", env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            assertTrue(env.get("KAFKA_ADVERTISED_LISTENERS").contains(b + ":9092"), b);
            String host = env.get("KAFKA_ADVERTISED_LISTENERS").replaceAll(".*HOST://localhost:(\\d+).*", "$1");
            JsonNode ports = services().get(b).path("ports");
            assertTrue(ports.toString().contains("\"" + host + ":" + host + "\""),
                    b + " publishes its advertised host port " + host + ": " + ports);
            assertEquals("3", env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"), "exactly-once needs a replicated transaction log");
        }
        assertEquals(1, clusterIds.size(), "one CLUSTER_ID");
        assertEquals(Set.of("1", "2", "3"), nodeIds);
    }

    @Test
    void everyImageIsPinnedByATag() {
        List<String> images = new ArrayList<>();
        services().values().forEach(s -> images.add(s.path("image").asText("")));
        k8s("StatefulSet").at("/spec/template/spec/containers").forEach(c -> images.add(c.path("image").asText("")));
        for (String line : DeployFiles.dockerfile()) {
            if (line.startsWith("FROM ")) {
                images.add(line.split("\\s+")[1]);
            }
        }
        assertTrue(images.size() >= 12, images.toString());
        for (String image : images) {
            assertTrue(pinned(image), "image not pinned by a tag (or pinned to latest): '" + image + "'");
        }
        assertFalse(pinned("apache/kafka"));
        assertFalse(pinned("grafana/grafana:latest"));
        assertFalse(pinned("localhost:5000/nhi-drift"));
    }

    @Test
    void servicesStartOnHealthNotHope() {
        services().forEach((name, s) -> {
            if (!name.equals("importer")) {
                assertTrue(s.path("healthcheck").path("test").size() > 0, name + " has no health check");
            }
            JsonNode deps = s.path("depends_on");
            assertFalse(deps.isArray(), name + ": depends_on as a list only waits for the start, not for health");
            deps.properties().forEach(d -> assertTrue(
                    Set.of("service_healthy", "service_completed_successfully").contains(d.getValue().path("condition").asText()),
                    name + " -> " + d.getKey() + " has no health condition"));
        });
        for (Map.Entry<String, JsonNode> i : nhiDriftInstances().entrySet()) {
            JsonNode deps = i.getValue().path("depends_on");
            for (String d : List.of("kafka-1", "kafka-2", "kafka-3", "registry")) {
                assertEquals("service_healthy", deps.path(d).path("condition").asText(), i.getKey() + " -> " + d);
            }
            assertTrue(i.getValue().path("healthcheck").toString().contains("HealthCheck"), "nhi-drift's check is /health");
        }
        for (String client : List.of("importer", "shipper")) {
            assertEquals("service_healthy", services().get(client).at("/depends_on/nhi-drift-1/condition").asText(),
                    client + " waits until nhi-drift has created the topics");
        }
        assertEquals("service_healthy", services().get("grafana").at("/depends_on/prometheus/condition").asText());
    }

    @Test
    void theTwoInstancesShareTheWorkWithDistinctIdentitiesAndStateAndStandbyReplicas() {
        Set<String> hosts = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        Set<String> appIds = new HashSet<>();
        for (Map.Entry<String, JsonNode> i : nhiDriftInstances().entrySet()) {
            AppConfig c = new ConfigLoader().environment(environment(i.getValue())).load();
            assertEquals(i.getKey(), c.httpAdvertisedHost(), "advertised host = the service name the peer resolves");
            hosts.add(c.httpAdvertisedHost());
            appIds.add(c.applicationId());
            assertEquals("1", String.valueOf(StreamsProperties.of(c).get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)),
                    i.getKey() + ": num.standby.replicas reaches Kafka Streams");
            assertEquals(3, c.topicReplication(), i.getKey());
            String mount = null;
            for (JsonNode v : i.getValue().path("volumes")) {
                if (v.asText().endsWith(":" + STATE_DIR)) {
                    mount = v.asText().split(":")[0];
                }
            }
            assertTrue(mount != null && compose().at("/volumes").has(mount), i.getKey() + " keeps its state on a named volume");
            volumes.add(mount);
        }
        assertEquals(2, hosts.size());
        assertEquals(2, volumes.size(), "each instance has its own state volume");
        assertEquals(1, appIds.size(), "one application id: one consumer group sharing the partitions");
    }

    @Test
    void everyNhiDriftVariableIsAConfigurationKeyNhiDriftReads() {
        Map<String, String> all = new LinkedHashMap<>();
        services().forEach((name, s) -> environment(s).forEach((k, v) -> all.put(name + " " + k, v)));
        dockerfileEnv().forEach((k, v) -> all.put("Dockerfile " + k, v));
        k8s("StatefulSet").at("/spec/template/spec/containers/0/env").forEach(e ->
                all.put("StatefulSet " + e.get("name").asText(), e.path("value").asText("")));
        int checked = 0;
        for (Map.Entry<String, String> e : all.entrySet()) {
            String var = e.getKey().split(" ")[1];
            if (!var.startsWith(ConfigLoader.ENV_PREFIX)) {
                continue;
            }
            // the loader's own rule: an unknown key or a bad value throws, naming the variable
            AppConfig c = new ConfigLoader().environment(Map.of(var, e.getValue())).load();
            c.kafkaPassThrough().keySet().forEach(k -> assertTrue(kafkaSettingNames().contains(k),
                    e.getKey() + " passes '" + k + "' to Kafka, which knows no such setting"));
            checked++;
        }
        assertTrue(checked >= 20, "checked " + checked + " variables");
    }

    @Test
    void k8sConfigMapIsAValidConfigurationAndTheStatefulSetHasStableIdentityStateAndProbes(@TempDir Path tmp) throws Exception {
        JsonNode sts = k8s("StatefulSet");
        JsonNode headless = k8sNamed("Service", "nhi-drift-headless");
        assertEquals("None", headless.at("/spec/clusterIP").asText());
        assertEquals(headless.at("/metadata/name").asText(), sts.at("/spec/serviceName").asText());
        JsonNode container = sts.at("/spec/template/spec/containers/0");

        Path props = tmp.resolve("nhi-drift.properties");
        Files.writeString(props, k8s("ConfigMap").at("/data/nhi-drift.properties").asText());
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText("")));
        AppConfig c = new ConfigLoader().file(props).environment(env).load();
        assertEquals("$(POD_NAME)." + sts.at("/spec/serviceName").asText() + ".$(POD_NAMESPACE).svc.cluster.local",
                c.httpAdvertisedHost(), "the pod's stable DNS name");
        assertEquals("metadata.name", container.at("/env/0/valueFrom/fieldRef/fieldPath").asText(),
                "POD_NAME comes first from the downward API, so that $(POD_NAME) expands");
        assertEquals("1", String.valueOf(StreamsProperties.of(c).get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)));
        assertTrue(container.path("args").toString().contains("/etc/nhi-drift/nhi-drift.properties"));

        String claim = sts.at("/spec/volumeClaimTemplates/0/metadata/name").asText();
        assertTrue(container.path("volumeMounts").toString().contains("{\"name\":\"" + claim + "\",\"mountPath\":\"" + c.stateDir() + "\"}"),
                "the PVC is mounted at state.dir " + c.stateDir());
        int httpPort = -1;
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals("http")) {
                httpPort = p.path("containerPort").asInt();
            }
        }
        assertEquals(c.httpPort(), httpPort);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("/health", container.at("/" + probe + "/httpGet/path").asText(), probe);
            assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), probe);
        }
        for (String r : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
            assertFalse(container.at("/resources" + r).asText().isEmpty(), "resources" + r);
        }
        JsonNode podLabels = sts.at("/spec/template/metadata/labels");
        assertEquals(podLabels, k8s("PodDisruptionBudget").at("/spec/selector/matchLabels"));
        assertEquals(podLabels, headless.at("/spec/selector"));
        assertTrue(sts.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean());
        assertEquals(dockerfileUser().split(":")[0], sts.at("/spec/template/spec/securityContext/runAsUser").asText());
    }

    @Test
    void kustomizationListsEveryManifest() {
        Set<String> listed = new TreeSet<>();
        k8s("Kustomization").path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = new TreeSet<>(DeployFiles.k8sManifests().keySet());
        files.remove("kustomization.yaml");
        assertEquals(files, listed);
    }

    @Test
    void dockerfileIsMultiStageNonRootWithHealthCheckAndStateVolume() throws Exception {
        List<String> lines = DeployFiles.dockerfile();
        assertTrue(lines.stream().filter(l -> l.startsWith("FROM ")).count() >= 2, "multi-stage");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN ") && l.contains("./mvnw") && l.contains("package")),
                "the build stage builds with the repository's Maven wrapper");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY --from=build")));
        String user = dockerfileUser();
        assertFalse(Set.of("root", "0", "0:0", "root:root").contains(user), "USER " + user);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ") && l.contains("HealthCheck")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ENTRYPOINT ") && l.contains("exec java")
                && l.contains("nhi-drift.jar \\\"$@\\\"")), "java replaces the shell (signals reach it) and gets the command's arguments");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("VOLUME ") && l.contains("\"" + STATE_DIR + "\"")));
        assertEquals(STATE_DIR, dockerfileEnv().get("NHI_DRIFT_STATE_DIR"), "state.dir is the volume");
        List<String> ignored = Files.readAllLines(DeployFiles.root().resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(ignored.contains(".git") && ignored.stream().anyMatch(l -> l.endsWith("target")), ignored.toString());
        for (String needed : List.of("docker", "docker/HealthCheck.java", "mvnw", ".mvn",
                "schemas", "core", "streams-app", "pom.xml", "*")) {
            assertFalse(ignored.contains(needed), ".dockerignore drops " + needed + ", which the build stage needs");
        }
    }

    @Test
    void shipperFeedsTheRawTopicsNhiDriftReadsAndPrometheusScrapesBothInstances() {
        JsonNode vector = DeployFiles.yaml(docker().resolve("vector.yaml"));
        AppConfig c = new ConfigLoader().environment(environment(services().get("nhi-drift-1"))).load();
        Set<String> rawTopics = new HashSet<>(c.topics().rawByFormat().values());
        int sinks = 0;
        for (JsonNode sink : vector.path("sinks")) {
            assertEquals("kafka", sink.path("type").asText());
            assertTrue(rawTopics.contains(sink.path("topic").asText()), "shipper writes to " + sink.path("topic")
                    + ", not a raw topic of nhi-drift's inputs " + rawTopics);
            assertEquals(c.bootstrapServers(), sink.path("bootstrap_servers").asText());
            sink.path("inputs").forEach(in -> assertTrue(vector.path("sources").has(in.asText()), "unknown source " + in));
            sinks++;
        }
        assertEquals(rawTopics.size(), sinks, "one sink per input format");
        assertTrue(services().get("shipper").path("volumes").toString().contains("./vector.yaml:/etc/vector/vector.yaml"));

        Set<String> targets = new HashSet<>();
        List<JsonNode> jobs = new java.util.ArrayList<>();
        DeployFiles.yaml(docker().resolve("prometheus.yml")).path("scrape_configs").forEach(j -> {
            if (j.path("job_name").asText().equals("nhi-drift")) {
                jobs.add(j);
                j.at("/static_configs/0/targets").forEach(t -> targets.add(t.asText()));
            }
        });
        assertEquals(1, jobs.size(), "one nhi-drift scrape job");
        Set<String> expected = new HashSet<>();
        nhiDriftInstances().forEach((n, svc) -> expected.add(n + ":" + new ConfigLoader().environment(environment(svc))
                .load().httpPort()));
        assertEquals(expected, targets, "Prometheus scrapes each instance's query API port");
        JsonNode job = jobs.get(0);
        assertEquals("/metrics", job.path("metrics_path").asText("/metrics"));
        assertEquals("Bearer", job.at("/authorization/type").asText());
        // the token file is written by the prometheus service's entrypoint from the read token the instances accept
        String tokenFile = job.at("/authorization/credentials_file").asText();
        JsonNode prometheus = services().get("prometheus");
        assertTrue(prometheus.path("entrypoint").toString().contains("> " + tokenFile + " "),
                "the prometheus entrypoint writes " + tokenFile + ": " + prometheus.path("entrypoint"));
        assertTrue(prometheus.at("/environment/SCRAPE_TOKEN").asText().startsWith("${NHI_DRIFT_READ_TOKEN"),
                prometheus.path("environment").toString());
        assertTrue(prometheus.path("volumes").toString().contains(":" + tokenFile.substring(0, tokenFile.lastIndexOf('/')) + "\""),
                "the token file lies in a volume Prometheus may write: " + prometheus.path("volumes"));
        for (JsonNode instance : nhiDriftInstances().values()) {
            assertTrue(instance.at("/environment/NHI_DRIFT_HTTP_AUTH_TOKENS").asText().startsWith("read:${NHI_DRIFT_READ_TOKEN"),
                    "the instances accept that token as a read token");
        }
    }

    @Test
    void theImageHealthCheckExitsZeroOnlyWhenHealthAnswers200(@TempDir Path tmp) throws Exception {
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", tmp.toString(), docker().resolve("HealthCheck.java").toString()));
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(200);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", x -> {
            x.sendResponseHeaders(status.get(), -1);
            x.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {tmp.toUri().toURL()}, null)) {
            var check = loader.loadClass("HealthCheck").getMethod("check", String.class, int.class);
            assertEquals(0, check.invoke(null, url, 3000), "200: healthy");
            status.set(503);
            assertEquals(1, check.invoke(null, url, 3000), "503 (not RUNNING/REBALANCING): unhealthy");
            server.stop(0);
            assertEquals(1, check.invoke(null, url, 3000), "nothing listening: unhealthy");
        } finally {
            server.stop(0);
        }
    }

    /** {@code docker compose config}: the compose file as Docker itself reads it. Needs only the CLI, no engine. */
    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        List<String> cli = ComposeCli.find();
        org.junit.jupiter.api.Assumptions.assumeTrue(cli != null,
                "no docker binary with the compose plugin (nor docker-compose) on PATH: `docker compose config` not run");
        List<String> cmd = new ArrayList<>(cli);
        cmd.addAll(List.of("-f", docker().resolve("compose.yaml").toString(), "config", "-q"));
        ComposeCli.Result r = ComposeCli.run(cmd);
        assertEquals(0, r.exit(), String.join(" ", cmd) + ":\n" + r.output());
    }

    static JsonNode compose() {
        return DeployFiles.compose();
    }

    static JsonNode k8sNamed(String kind, String name) {
        for (JsonNode n : DeployFiles.k8sManifests().values()) {
            if (kind.equals(n.path("kind").asText()) && name.equals(n.at("/metadata/name").asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + kind + " " + name + " under docker/k8s");
    }

    static String dockerfileUser() {
        String user = null;
        for (String l : DeployFiles.dockerfile()) {
            if (l.startsWith("USER ")) {
                user = l.substring(5).strip();
            }
        }
        assertNotEquals(null, user, "the Dockerfile names a USER");
        return user;
    }

    /** The final stage's ENV, KEY=VALUE pairs (values may be double-quoted). */
    static Map<String, String> dockerfileEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String l : DeployFiles.dockerfile()) {
            if (l.startsWith("ENV ")) {
                var m = java.util.regex.Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(l.substring(4));
                while (m.find()) {
                    env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                }
            }
        }
        return env;
    }

    static Set<String> kafkaSettingNames() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }
}
