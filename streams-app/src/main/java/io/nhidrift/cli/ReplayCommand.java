package io.nhidrift.cli;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.config.AppConfig;
import io.nhidrift.replay.AlertFormat;
import io.nhidrift.replay.Printable;
import io.nhidrift.replay.ReplayLimits;
import io.nhidrift.replay.ReplayReport;
import io.nhidrift.replay.ReplayRunner;
import io.nhidrift.replay.TopologyReplayRunner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replay}: batch back-test of files through the production adapters, engine and detectors, no broker
 * (CONTRACT section 5), in bounded memory ({@link ReplayRunner}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Back-tests log files against an inventory with the production detection code (no broker), in bounded memory.",
            "Events are applied in event-time order; time-based conditions are evaluated as time advances and once",
            "more at --until. Alerts are written one JSON object per line, ordered by eventTime then alertId.",
            "Records that cannot be parsed are reported on stderr with file and line; the run goes on.",
            "Exit codes: 0 success, 2 unusable arguments or configuration (one line on stderr), 1 unexpected failure."})
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

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "Line format of the alerts: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = AlertFormats.class)
    String format;

    @Option(names = "--progress", description = "Show the progress line on stderr even when it is not a terminal"
            + " (on a terminal it is always shown).")
    boolean progress;

    /** The reference path through the topology under TopologyTestDriver: small inputs only (holds every event in memory). */
    @Option(names = "--via-topology", hidden = true)
    boolean viaTopology;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        List<ReplayRunner.Input> parsed = new ArrayList<>();
        for (String in : inputs) {
            int eq = in.indexOf('=');
            if (eq <= 0 || eq == in.length() - 1) {
                throw new Main.UsageError("--input must be FORMAT=PATH, got '" + Printable.escape(in) + "'");
            }
            String format = in.substring(0, eq);
            if (!Adapters.known(format)) {
                throw new Main.UsageError("unknown input format '" + Printable.escape(format) + "' in --input; expected one of "
                        + Adapters.formats());
            }
            Path path = ReplayArguments.readablePath("--input " + format + "=", in.substring(eq + 1));
            parsed.add(new ReplayRunner.Input(format, path));
        }
        for (Path p : inventories) {
            ReplayArguments.readablePath("--inventory ", p.toString());
        }
        if (parsed.isEmpty() && inventories.isEmpty()) {
            throw new Main.UsageError("nothing to replay: give --input FORMAT=PATH and/or --inventory PATH");
        }
        Instant untilInstant = ReplayArguments.until(until);
        AlertFormat alertFormat = AlertFormat.of(format);
        if (alertFormat == null) {
            throw new Main.UsageError("unknown --format '" + Printable.escape(format) + "'; expected one of " + AlertFormat.labels());
        }
        AppConfig config = configOptions.load(Map.of());
        ReplayLimits.from(config); // validates the replay.* keys before anything is read
        PrintStream err = new PrintStream(new BufferedOutputStream(System.err, 1 << 16), false, StandardCharsets.UTF_8);
        ReplayReport report = new ReplayReport(err);
        OutputStream opened = alerts == null ? new NonClosing(System.out) : ReplayArguments.openAlerts(alerts);
        try (OutputStream out = opened) {
            if (viaTopology) {
                new TopologyReplayRunner(config, parsed, report).run(inventories, parsed, untilInstant, out);
            } else {
                new ReplayRunner(config, parsed, report).format(alertFormat).progress(progress)
                        .run(inventories, parsed, untilInstant, out);
            }
        } catch (IOException | RuntimeException e) {
            err.println("nhi-drift: replay failed: " + Printable.escape(e.getClass().getSimpleName() + ": " + e.getMessage()));
            return 1;
        } finally {
            err.flush();
        }
        return 0;
    }

    /** Standard output, flushed but not closed when replay is done. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }

    /** Alert formats for the help text. */
    static final class AlertFormats extends ArrayList<String> {
        AlertFormats() {
            super(AlertFormat.labels());
        }
    }

    /** Format names for the help text. */
    static final class Formats extends ArrayList<String> {
        Formats() {
            super(Adapters.formats());
        }
    }
}
