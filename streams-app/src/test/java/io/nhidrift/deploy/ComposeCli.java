package io.nhidrift.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs a Docker Compose command line ({@code docker compose}, else {@code docker-compose}), if any. */
final class ComposeCli {

    record Result(int exit, String output) {}

    private ComposeCli() {}

    /** The command prefix of a working compose CLI, or null when there is none. */
    static List<String> find() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                List<String> version = new java.util.ArrayList<>(candidate);
                version.add("version");
                if (run(version).exit() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not on PATH: try the next
            }
        }
        return null;
    }

    static Result run(List<String> cmd) throws IOException {
        java.nio.file.Path out = java.nio.file.Files.createTempFile("compose-cli", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        // the compose file requires the query API's read token from the environment (as its header says)
        pb.environment().putIfAbsent("NHI_DRIFT_READ_TOKEN", "compose-config-check-token-0123456789");
        Process p = pb.start();
        try {
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String text = java.nio.file.Files.readString(out, StandardCharsets.UTF_8);
            return done ? new Result(p.exitValue(), text) : new Result(-1, "timed out after 120 s: " + text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, "interrupted");
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
