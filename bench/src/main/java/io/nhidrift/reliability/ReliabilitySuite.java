package io.nhidrift.reliability;

import io.nhidrift.reliability.FaultCases.BrokerOutage;
import io.nhidrift.reliability.FaultCases.Control;
import io.nhidrift.reliability.FaultCases.Kill;
import io.nhidrift.reliability.FaultCases.Sequence;
import io.nhidrift.reliability.FaultCases.StateCorrupted;
import io.nhidrift.reliability.FaultCases.StateDeleted;
import io.nhidrift.reliability.FaultInput.Round;
import io.nhidrift.reliability.FaultRun.RunOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fault-injection suite: one broker, one input, a fault-free run, then every case on a run of its own,
 * each compared with the fault-free run (alert ids as a multiset, alert content, committed state).
 */
final class ReliabilitySuite {

    /**
     * @param tenants copies of the demo scenario in the input
     * @param partitions partitions of the topics the service creates (events, inventory, alerts)
     * @param classpath class path of the service JVMs
     */
    record Settings(boolean quick, int tenants, int partitions, List<FaultCase> cases, Path workDir, String classpath,
            Duration roundDeadline) {

        /** The same settings with another tenant count and/or only the named cases (nulls keep them). */
        Settings narrowed(Integer tenantCount, java.util.Set<String> only) {
            List<FaultCase> kept = only == null ? cases : cases.stream().filter(c -> only.contains(c.name())).toList();
            return new Settings(quick, tenantCount == null ? tenants : tenantCount, partitions, kept, workDir, classpath,
                    roundDeadline);
        }
    }

    /**
     * The CI variant, about three minutes on two cores: the process faults in one run (kill -9 mid-round, state
     * directory deleted, inventory races killed into), the broker outage in another.
     */
    static Settings quick(Path workDir, String classpath) {
        return new Settings(true, 8, 2, List.of(
                new Sequence("kill-restore-race", "kill -9 of the service JVM mid-round 1; service stopped after round 3"
                        + " and its state directory deleted (restore from the changelogs); inventory updates racing events"
                        + " of the same credentials: kill -9 right after producing round 5",
                        List.of(new Kill("kill", "", Map.of(1, 0.5, 5, -1.0)), new StateDeleted("deleted", 3, false))),
                new BrokerOutage("broker-restart", 2, 0.3, Duration.ofSeconds(10))),
                workDir, classpath, Duration.ofMinutes(3));
    }

    /** A truncated SST file of the credential-state store (the CI test of it waits for the service to handle it). */
    static Settings corruption(Path workDir, String classpath) {
        return new Settings(true, 2, 2, List.of(new StateCorrupted("state-corrupted-sst", 2, ".sst")), workDir, classpath,
                Duration.ofMinutes(3));
    }

    /** The script's variant: more tenants, a kill in every round, longer outages, both state-damage files. */
    static Settings full(Path workDir, String classpath) {
        Map<Integer, Double> everyRound = new TreeMap<>();
        IntStream.range(0, 7).forEach(r -> everyRound.put(r, 0.1 + 0.13 * r));
        return new Settings(false, 24, 3, List.of(
                new Control("control"),
                new Control("control-2"),
                new Control("control-3"),
                new Kill("kill-9", "kill -9 of the service JVM in every round at 10-88 % of its input, restart", everyRound),
                new BrokerOutage("broker-restart-15s", 2, 0.3, Duration.ofSeconds(15)),
                new BrokerOutage("broker-restart-45s", 4, 0.6, Duration.ofSeconds(45)),
                new StateDeleted("state-deleted", 3, false),
                new StateDeleted("state-deleted-after-kill", 2, true),
                new StateCorrupted("state-corrupted-sst", 4, ".sst"),
                new StateCorrupted("state-corrupted-manifest", 5, "MANIFEST"),
                new Kill("inventory-race", "inventory updates and events of the same credentials in flight: kill -9 right"
                        + " after producing rounds 5 and 6", Map.of(5, -1.0, 6, -1.0)),
                new Kill("inventory-race-commit", "kill -9 at the first commit of rounds 4-6 (inventory updates applied,"
                        + " their credentials' events in flight)", Map.of(4, 0.0, 5, 0.0, 6, 0.0))),
                workDir, classpath, Duration.ofMinutes(5));
    }

    record SuiteResult(Settings settings, FaultInput input, AlertSet baseline, int baselineStateKeys, long baselineMillis,
            List<CaseResult> cases) {
        boolean clean() {
            return baseline.duplicatedWithin() == 0 && cases.stream().allMatch(CaseResult::clean);
        }
    }

    static SuiteResult run(Settings s, Consumer<String> progress) {
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", io.nhidrift.cli.Main.AVRO_TRUSTED);
        }
        long now = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        FaultInput input = FaultInput.build(s.tenants(), now, s.partitions());
        progress.accept("input: " + s.tenants() + " tenants, " + input.events() + " CloudTrail records in "
                + input.rounds().size() + " rounds");
        try (RestartableBroker broker = RestartableBroker.start(s.workDir().resolve("broker"))) {
            long t0 = System.nanoTime();
            RunOutput baseline = runCase(broker, s, input, "baseline", null, new FaultLog(), progress);
            long baselineMillis = FaultCases.millisSince(t0);
            progress.accept("baseline: " + baseline.alerts().records() + " alerts " + baseline.alerts().byType() + " in "
                    + baselineMillis + " ms");
            List<CaseResult> results = new ArrayList<>();
            for (FaultCase c : s.cases()) {
                CaseResult r = compare(broker, s, input, c, baseline, progress);
                progress.accept(c.name() + ": " + r.verdict() + "; faults " + r.log().faults + "; recovery ms "
                        + r.log().recoveryMillis);
                results.add(r);
            }
            return new SuiteResult(s, input, baseline.alerts(), totalKeys(baseline.state()), baselineMillis, results);
        }
    }

    private static CaseResult compare(RestartableBroker broker, Settings s, FaultInput input, FaultCase c, RunOutput baseline,
            Consumer<String> progress) {
        FaultLog log = new FaultLog();
        long t0 = System.nanoTime();
        try {
            RunOutput out = runCase(broker, s, input, c.name(), c, log, progress);
            AlertSet a = out.alerts();
            out.state().differences(baseline.state()).forEach((store, keys) -> keys.stream().limit(3).forEach(
                    k -> progress.accept(c.name() + ": differs " + store + " " + out.state().describeDifference(store, k,
                            baseline.state()))));
            AlertSet e = baseline.alerts();
            return new CaseResult(c.name(), c.description(), input.events(), e.records(), a.records(), a.lostAgainst(e),
                    a.duplicatedAgainst(e), a.unexpectedAgainst(e), a.changedAgainst(e),
                    out.state().differences(baseline.state()), totalKeys(out.state()), log, out.serviceStarts(),
                    out.threadReplacements(),
                    FaultCases.millisSince(t0), null);
        } catch (RuntimeException ex) {
            return new CaseResult(c.name(), c.description(), input.events(), baseline.alerts().records(), 0, 0, 0, 0,
                    List.of(), Map.of(), 0, log, 0, 0, FaultCases.millisSince(t0), ex.toString());
        }
    }

    private static RunOutput runCase(RestartableBroker broker, Settings s, FaultInput input, String name, FaultCase c,
            FaultLog log, Consumer<String> progress) {
        try (FaultRun run = new FaultRun(broker, name, s.workDir().resolve(name), s.classpath(), s.partitions(),
                s.roundDeadline())) {
            long t0 = System.nanoTime();
            run.startService();
            progress.accept(name + ": service healthy after " + FaultCases.millisSince(t0) + " ms");
            for (Round round : input.rounds()) {
                long r0 = System.nanoTime();
                run.produce(round);
                if (c != null) {
                    c.afterProduce(run, round, log);
                }
                run.awaitRound(round);
                if (!run.service().alive()) {
                    throw new IllegalStateException(name + ": the service JVM exited during round " + round.index() + "\n"
                            + run.service().tail(40));
                }
                progress.accept(name + ": round " + round.index() + " (" + round.rawRecords() + " records) processed in "
                        + FaultCases.millisSince(r0) + " ms");
                if (c != null) {
                    c.afterRound(run, round, log);
                }
            }
            return run.finish();
        }
    }

    private static int totalKeys(StoreSnapshot s) {
        return StoreSnapshot.STORES.stream().mapToInt(s::keys).sum();
    }

    static String describe(Map<String, Integer> byType) {
        return byType.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
