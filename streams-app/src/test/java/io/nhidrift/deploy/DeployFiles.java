package io.nhidrift.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deployment files under {@code docker/}, parsed: compose services, Kubernetes manifests, Dockerfile lines. */
final class DeployFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String NHI_DRIFT_IMAGE = "nhi-drift:";

    private DeployFiles() {}

    static Path root() {
        return Path.of(System.getProperty("nhidrift.schemas", "../schemas")).toAbsolutePath().getParent();
    }

    static Path docker() {
        return root().resolve("docker");
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static JsonNode compose() {
        return yaml(docker().resolve("compose.yaml"));
    }

    static Map<String, JsonNode> services() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        compose().get("services").properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** The long-running nhi-drift instances: the nhi-drift image, default command ({@code run}). */
    static Map<String, JsonNode> nhiDriftInstances() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        services().forEach((name, s) -> {
            if (s.path("image").asText().startsWith(NHI_DRIFT_IMAGE) && !s.has("command")) {
                m.put(name, s);
            }
        });
        return m;
    }

    /** A service's environment as a map, whichever of compose's two spellings (map or KEY=VALUE list) it uses. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isObject()) {
            e.properties().forEach(f -> env.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
        } else if (e.isArray()) {
            e.forEach(line -> {
                String[] kv = line.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return env;
    }

    static Map<String, JsonNode> k8sManifests() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        try (var files = Files.list(docker().resolve("k8s"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> m.put(f.getFileName().toString(), yaml(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static JsonNode k8s(String kind) {
        List<JsonNode> found = new ArrayList<>();
        k8sManifests().values().forEach(n -> {
            if (kind.equals(n.path("kind").asText())) {
                found.add(n);
            }
        });
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " under docker/k8s, found " + found.size());
        }
        return found.get(0);
    }

    /** Dockerfile instructions, continuation lines joined, comments dropped. */
    static List<String> dockerfile() {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        try {
            for (String line : Files.readAllLines(docker().resolve("Dockerfile"))) {
                String t = line.strip();
                if (t.startsWith("#") || (t.isEmpty() && cur.length() == 0)) {
                    continue;
                }
                boolean more = t.endsWith("\\");
                cur.append(more ? t.substring(0, t.length() - 1) : t).append(' ');
                if (!more) {
                    out.add(cur.toString().strip());
                    cur.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** True when an image reference names a tag other than latest (a digest would do too). */
    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash || colon == image.length() - 1) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.equals("latest") && !tag.contains("$");
    }
}
