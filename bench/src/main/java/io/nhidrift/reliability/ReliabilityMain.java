package io.nhidrift.reliability;

import io.nhidrift.reliability.ReliabilitySuite.Settings;
import io.nhidrift.reliability.ReliabilitySuite.SuiteResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -cp bench/target/nhi-drift-bench.jar io.nhidrift.reliability.ReliabilityMain [--quick]
 * [--out docs/RELIABILITY.md] [--work DIR] [--service-classpath CP] [--command TEXT] [--tenants N] [--only CASE,…]}: runs the fault-injection
 * suite, rewrites the generated part of the report, exits 1 if any case lost, duplicated or changed anything.
 */
public final class ReliabilityMain {

    private ReliabilityMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of("docs/RELIABILITY.md");
        Path work = null;
        String classpath = System.getProperty("java.class.path");
        String command = "scripts/reliability";
        Integer tenants = null;
        java.util.Set<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--service-classpath" -> classpath = args[++i];
                case "--command" -> command = args[++i];
                case "--tenants" -> tenants = Integer.parseInt(args[++i]);
                case "--only" -> only = java.util.Set.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: ReliabilityMain [--quick] [--out FILE] [--work DIR] [--service-classpath CP]"
                            + " [--command TEXT] [--tenants N] [--only CASE,...]");
                    System.exit(2);
                }
            }
        }
        boolean keep = work != null;
        Path dir = keep ? Files.createDirectories(work) : Files.createTempDirectory("nhi-drift-reliability-");
        Settings settings = quick ? ReliabilitySuite.quick(dir, classpath) : ReliabilitySuite.full(dir, classpath);
        settings = settings.narrowed(tenants, only);
        SuiteResult result;
        try {
            result = ReliabilitySuite.run(settings, line -> System.err.println("[reliability] " + line));
        } finally {
            if (!keep) {
                FaultCases.deleteRecursively(dir);
            }
        }
        String md = ReliabilityReport.markdown(result, command);
        ReliabilityReport.write(out, md);
        System.out.print(md);
        System.err.println("[reliability] wrote " + out);
        System.exit(result.clean() ? 0 : 1);
    }
}
