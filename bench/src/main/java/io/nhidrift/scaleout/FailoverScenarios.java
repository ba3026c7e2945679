package io.nhidrift.scaleout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Three instances of the service (child JVMs) on one broker, the {@link ScaleInput} stream, and a fault: one instance
 * killed mid-stream, or every instance restarted in turn while input arrives. Each returns the alerts the run
 * committed (to be compared with a fault-free run's) and the measured pauses.
 *
 * <p>"Answering again" is measured with the query API: from the fault until every probe credential (the first
 * inventoried credential of each of the six partitions) is answered by every instance still running. A killed
 * instance's partitions answer again once the group noticed it gone (the session timeout, 6 s here), reassigned them
 * and their new owner made them queryable (from a standby's copy, or after restoring the changelog).
 */
public final class FailoverScenarios {

    private static final Duration DEADLINE = Duration.ofMinutes(5);
    static final int INSTANCES = 3;

    /** A run's outcome: committed alerts and the measured pauses (ms), with the load average when each was taken. */
    public record Outcome(String name, AlertTally alerts, Map<String, Long> pausesMs, Map<String, String> loadAverages) {}

    private final String bootstrap;
    private final String classpath;
    private final Path dir;
    private final Consumer<String> log;

    public FailoverScenarios(String bootstrap, String classpath, Path dir, Consumer<String> log) {
        this.bootstrap = bootstrap;
        this.classpath = classpath;
        this.dir = dir;
        this.log = log;
    }

    /** One instance, no fault: the reference alert set. */
    public Outcome baseline(ScaleInput input) {
        try (ScaleRun run = new ScaleRun(bootstrap, "baseline");
                ServiceGroup group = new ServiceGroup(classpath, run.settings(0), dirFor("baseline"))) {
            group.start(1);
            run.produceInventoryAndAwait(input, DEADLINE);
            run.produceRaw(input, 0, 1);
            return new Outcome("baseline", run.awaitMarkers(input, DEADLINE), Map.of(), Map.of());
        }
    }

    /**
     * Three instances; the first half of the raw input produced; once the first alerts are committed one instance is
     * killed ({@code SIGKILL}) and the second half produced; measures how long until every instance left answers every
     * probe credential.
     */
    public Outcome killOne(ScaleInput input, int standbyReplicas) {
        String name = "kill-standby" + standbyReplicas;
        try (ScaleRun run = new ScaleRun(bootstrap, name);
                ServiceGroup group = new ServiceGroup(classpath, run.settings(standbyReplicas), dirFor(name))) {
            group.start(INSTANCES);
            run.produceInventoryAndAwait(input, DEADLINE);
            List<String> probes = probes(input);
            QueryProbe.awaitAnswered(group.ports(), probes, DEADLINE);
            run.produceRaw(input, 0, 0.5);
            awaitAlerts(run, 4); // the first UNKNOWN_CREDENTIAL alerts: processing is under way
            int victim = INSTANCES - 1;
            String load = loadAverage();
            long t0 = System.nanoTime();
            group.kill9(victim);
            log.accept(name + ": killed instance " + victim + " after " + run.pollAlerts().size() + " alerts");
            run.produceRaw(input, 0.5, 1);
            QueryProbe.awaitAnswered(group.portsExcept(victim), probes, DEADLINE);
            long answered = (System.nanoTime() - t0) / 1_000_000;
            log.accept(name + ": every credential answered again " + answered + " ms after the kill (load " + load + ")");
            return new Outcome(name, run.awaitMarkers(input, DEADLINE), Map.of("answeredAgain", answered), Map.of("answeredAgain", load));
        }
    }

    /**
     * Three instances; the raw input produced in slices while each instance in turn is stopped ({@code SIGTERM}) and
     * started again on its state directory. Measures per step the handover (stop until the other instances answer
     * every probe) and the rejoin (start until every instance, the restarted one included, answers every probe).
     */
    public Outcome rollingRestart(ScaleInput input, int standbyReplicas) {
        String name = "rolling-standby" + standbyReplicas;
        try (ScaleRun run = new ScaleRun(bootstrap, name);
                ServiceGroup group = new ServiceGroup(classpath, run.settings(standbyReplicas), dirFor(name))) {
            group.start(INSTANCES);
            run.produceInventoryAndAwait(input, DEADLINE);
            List<String> probes = probes(input);
            QueryProbe.awaitAnswered(group.ports(), probes, DEADLINE);
            int slices = 4 * INSTANCES;
            Map<String, Long> pauses = new LinkedHashMap<>();
            Map<String, String> loads = new LinkedHashMap<>();
            int slice = 0;
            for (int i = 0; i < INSTANCES; i++) {
                run.produceRaw(input, (double) slice / slices, (double) (slice + 2) / slices);
                slice += 2;
                String load = loadAverage();
                long t0 = System.nanoTime();
                group.stop(i);
                run.produceRaw(input, (double) slice / slices, (double) (slice + 1) / slices);
                slice++;
                QueryProbe.awaitAnswered(group.portsExcept(i), probes, DEADLINE);
                long handover = (System.nanoTime() - t0) / 1_000_000;
                long t1 = System.nanoTime();
                group.restart(i);
                run.produceRaw(input, (double) slice / slices, (double) (slice + 1) / slices);
                slice++;
                QueryProbe.awaitAnswered(group.ports(), probes, DEADLINE);
                long rejoin = (System.nanoTime() - t1) / 1_000_000;
                pauses.put("handover-" + i, handover);
                pauses.put("rejoin-" + i, rejoin);
                loads.put("handover-" + i, load);
                log.accept(name + ": instance " + i + " restarted; handover " + handover + " ms, rejoin " + rejoin
                        + " ms (load " + load + ")");
            }
            run.produceRaw(input, (double) slice / slices, 1);
            return new Outcome(name, run.awaitMarkers(input, DEADLINE), pauses, loads);
        }
    }

    /** The first inventoried credential of each events partition. */
    static List<String> probes(ScaleInput input) {
        Map<Integer, String> first = new LinkedHashMap<>();
        for (ScaleInput.Credential c : input.credentials()) {
            if (c.inventoried()) {
                first.putIfAbsent(ScaleInput.partitionOf(c.id(), ScaleInput.PARTITIONS), c.id());
            }
        }
        return new ArrayList<>(first.values());
    }

    private static void awaitAlerts(ScaleRun run, int count) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (run.pollAlerts().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no alert committed within " + DEADLINE);
            }
        }
    }

    private Path dirFor(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The 1, 5 and 15 minute load averages of the machine ({@code /proc/loadavg}), or "n/a". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
