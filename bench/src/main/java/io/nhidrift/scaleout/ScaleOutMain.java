package io.nhidrift.scaleout;

import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.scaleout.FailoverScenarios.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code java -cp bench/target/nhi-drift-bench.jar io.nhidrift.scaleout.ScaleOutMain [--per-format N] [--only kill,rolling]}
 * (run by {@code scripts/scaleout}): on the embedded broker, a fault-free single instance, then three instances (child
 * JVMs) with one killed mid-stream, with 0 and with 1 standby replica, and a rolling restart; prints per run the alerts
 * compared with the fault-free run (lost, duplicated, other) and the measured pauses with the load average, as markdown.
 * Exit code 1 if any run lost, duplicated or changed an alert.
 */
public final class ScaleOutMain {

    private ScaleOutMain() {
    }

    public static void main(String[] args) throws Exception {
        int perFormat = 24;
        Set<String> only = Set.of("kill", "rolling");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--per-format" -> perFormat = Integer.parseInt(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: ScaleOutMain [--per-format N] [--only kill,rolling]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("nhi-drift-scaleout-");
        ScaleInput input = ScaleInput.build(perFormat, System.currentTimeMillis());
        List<Outcome> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            FailoverScenarios s = new FailoverScenarios(kafka.bootstrapServers(), System.getProperty("java.class.path"), dir,
                    line -> System.err.println("[scaleout] " + line));
            Outcome baseline = s.baseline(input);
            if (only.contains("kill")) {
                outcomes.add(s.killOne(input, 0));
                outcomes.add(s.killOne(input, 1));
            }
            if (only.contains("rolling")) {
                outcomes.add(s.rollingRestart(input, 0));
                outcomes.add(s.rollingRestart(input, 1));
            }
            boolean clean = print(input, baseline, outcomes, (System.nanoTime() - started) / 60e9);
            System.exit(clean ? 0 : 1);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static boolean print(ScaleInput input, Outcome baseline, List<Outcome> outcomes, double minutes) {
        System.out.printf(Locale.ROOT, "Input: %d credentials in 4 formats (%d raw records, 6 partitions), %d alerts in the"
                + " fault-free single-instance run; %.1f min in all.%n%n", input.credentials().size() + input.markers().size(),
                input.rawRecords(), baseline.alerts().records(), minutes);
        System.out.println("| run | alerts | lost | duplicated | other | pause | ms | load avg (1/5/15 min) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        boolean clean = true;
        for (Outcome o : outcomes) {
            int lost = o.alerts().lostAgainst(baseline.alerts()).size();
            int other = o.alerts().unexpectedAgainst(baseline.alerts()).size();
            clean &= lost == 0 && other == 0 && o.alerts().duplicated() == 0;
            boolean first = true;
            for (var p : o.pausesMs().entrySet().stream().sorted(Comparator.comparing(e -> order(e.getKey()))).toList()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %,d | %s |%n", first ? o.name() : "",
                        first ? o.alerts().records() : "", first ? lost : "", first ? o.alerts().duplicated() : "",
                        first ? other : "", p.getKey(), p.getValue(), o.loadAverages().getOrDefault(p.getKey(), ""));
                first = false;
            }
        }
        return clean;
    }

    private static String order(String key) {
        return key.replaceAll("^(\\w+)-(\\d+)$", "$2-$1");
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
