package io.nhidrift.cli;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.config.AppConfig;
import io.nhidrift.replay.ReplayReport;
import io.nhidrift.replay.ReplayRunner;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replay}: batch back-test of files through the production topology, no broker (CONTRACT section 5). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Back-tests log files against an inventory through the production topology (no broker).",
            "Events are applied in event-time order; time-based conditions are evaluated as time advances and once",
            "more at --until. Alerts are written one JSON object per line, ordered by eventTime then alertId.",
            "Records that cannot be parsed are reported on stderr with file and line; the run goes on."})
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--inventory", paramLabel = "PATH", description = "Inventory NDJSON file or directory (repeatable).")
    List<Path> inventories = new ArrayList<>();

    @Option(names = "--input", paramLabel = "FORMAT=PATH",
            description = "Log file or directory (read recursively) of a format (repeatable). Formats: ${COMPLETION-CANDIDATES}",
            completionCandidates = Formats.class)
    List<String> inputs = new ArrayList<>();

    @Option(names = "--until", paramLabel = "INSTANT", description = "Evaluate time-based conditions up to this ISO-8601 instant (default: the latest event time).")
    String until;

    @Option(names = "--alerts", paramLabel = "FILE", description = "Output file of alerts (default: standard output).")
    Path alerts;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        List<ReplayRunner.Input> parsed = new ArrayList<>();
        for (String in : inputs) {
            int eq = in.indexOf('=');
            if (eq <= 0 || eq == in.length() - 1) {
                throw new Main.UsageError("--input must be FORMAT=PATH, got '" + in + "'");
            }
            String format = in.substring(0, eq);
            Path path = Path.of(in.substring(eq + 1));
            if (!Adapters.known(format)) {
                throw new Main.UsageError("unknown input format '" + format + "' in --input; expected one of " + Adapters.formats());
            }
            if (!Files.exists(path)) {
                throw new Main.UsageError("--input " + in + ": no such file or directory");
            }
            parsed.add(new ReplayRunner.Input(format, path));
        }
        for (Path p : inventories) {
            if (!Files.exists(p)) {
                throw new Main.UsageError("--inventory " + p + ": no such file or directory");
            }
        }
        if (parsed.isEmpty() && inventories.isEmpty()) {
            throw new Main.UsageError("nothing to replay: give --input FORMAT=PATH and/or --inventory PATH");
        }
        Instant untilInstant = null;
        if (until != null) {
            try {
                untilInstant = Instant.parse(until);
            } catch (DateTimeParseException e) {
                throw new Main.UsageError("--until must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '" + until + "'");
            }
        }
        AppConfig config = configOptions.load(Map.of());
        ReplayReport report = new ReplayReport(System.err);
        ReplayRunner runner = new ReplayRunner(config, parsed, report);
        if (alerts == null) {
            runner.run(inventories, parsed, untilInstant, System.out);
        } else {
            if (alerts.toAbsolutePath().getParent() != null) {
                Files.createDirectories(alerts.toAbsolutePath().getParent());
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(alerts))) {
                runner.run(inventories, parsed, untilInstant, out);
            }
        }
        return 0;
    }

    /** Format names for the help text. */
    static final class Formats extends ArrayList<String> {
        Formats() {
            super(Adapters.formats());
        }
    }
}
