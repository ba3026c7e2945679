package io.nhidrift.reliability;

import io.nhidrift.reliability.FaultInput.Round;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The fault cases of the suite. Each strikes at chosen rounds; the suite compares the run with the fault-free one. */
final class FaultCases {

    private FaultCases() {
    }

    /** Several faults in one run, in order (the quick variant: one run instead of one per fault). */
    record Sequence(String name, String description, List<FaultCase> faults) implements FaultCase {
        @Override
        public void afterProduce(FaultRun run, Round round, FaultLog log) {
            faults.forEach(f -> f.afterProduce(run, round, log));
        }

        @Override
        public void afterRound(FaultRun run, Round round, FaultLog log) {
            faults.forEach(f -> f.afterRound(run, round, log));
        }
    }

    /** No fault: a second fault-free run, showing that the comparison itself finds no difference between two runs. */
    record Control(String name) implements FaultCase {
        @Override
        public String description() {
            return "no fault: a second fault-free run of the same input (the comparison's own noise floor)";
        }
    }

    /**
     * {@code kill -9} of the service JVM once it has committed {@code fraction} of a round's raw input
     * (negative: at once, with the round just produced), then a new service JVM on the same state directory.
     */
    record Kill(String name, String description, Map<Integer, Double> points) implements FaultCase {
        @Override
        public void afterProduce(FaultRun run, Round round, FaultLog log) {
            Double fraction = points.get(round.index());
            if (fraction == null) {
                return;
            }
            long committed = fraction < 0 ? run.rawCommitted() : run.awaitRawCommitted(target(run, fraction), round);
            boolean inFlight = !run.roundDone(round);
            long t0 = System.nanoTime();
            run.service().kill9();
            log.midStream("kill -9 in round " + round.index() + " at raw offset " + committed + " of ["
                    + run.rawRoundStart() + ", " + run.rawRoundEnd() + ")", inFlight);
            run.startService();
            run.awaitRound(round);
            log.recovered(millisSince(t0));
        }
    }

    /** The broker shut down mid-round for {@code downtime} and started again on the same log directory and port. */
    record BrokerOutage(String name, int round, double fraction, Duration downtime) implements FaultCase {
        @Override
        public String description() {
            return "broker stopped for " + downtime.toSeconds() + " s while round " + round + " is processed, restarted on"
                    + " the same log directory and port; the same service JVM must ride it out";
        }

        @Override
        public void afterProduce(FaultRun run, Round r, FaultLog log) {
            if (r.index() != round) {
                return;
            }
            long committed = run.awaitRawCommitted(target(run, fraction), r);
            boolean inFlight = !run.roundDone(r);
            run.broker().stop();
            ServiceProcess.pause(downtime.toMillis());
            run.broker().restart();
            long t0 = System.nanoTime();
            log.midStream("broker down " + downtime.toSeconds() + " s in round " + r.index() + " at raw offset " + committed,
                    inFlight);
            run.awaitRound(r);
            log.recovered(millisSince(t0));
        }
    }

    /** After a round: the service stopped (or killed mid-round), its state directory deleted, a new service started. */
    record StateDeleted(String name, int round, boolean killMidRound) implements FaultCase {
        @Override
        public String description() {
            return killMidRound
                    ? "kill -9 in round " + round + ", state directory deleted, restart: restore from the changelogs"
                    : "service stopped after round " + round + ", state directory deleted, restart: restore from the changelogs";
        }

        @Override
        public void afterProduce(FaultRun run, Round r, FaultLog log) {
            if (killMidRound && r.index() == round) {
                long committed = run.awaitRawCommitted(target(run, 0.5), r);
                boolean inFlight = !run.roundDone(r);
                long t0 = System.nanoTime();
                run.service().kill9();
                deleteRecursively(run.stateDir());
                log.midStream("kill -9 and state directory deleted in round " + round + " at raw offset " + committed, inFlight);
                run.startService();
                run.awaitRound(r);
                log.recovered(millisSince(t0));
            }
        }

        @Override
        public void afterRound(FaultRun run, Round r, FaultLog log) {
            if (!killMidRound && r.index() == round) {
                run.service().stop(Duration.ofSeconds(60));
                deleteRecursively(run.stateDir());
                log.between("state directory deleted after round " + round);
                long t0 = System.nanoTime();
                run.startService();
                log.recovered(millisSince(t0));
            }
        }
    }

    /**
     * After a round: the service stopped, a RocksDB file of the credential-state store truncated to half, restart.
     *
     * @param fileName {@code .sst} (the largest table file) or {@code MANIFEST} (the manifest)
     */
    record StateCorrupted(String name, int round, String fileName) implements FaultCase {
        @Override
        public String description() {
            String pattern = fileName.startsWith(".") ? "*" + fileName : fileName + "-*";
            return "service stopped after round " + round + ", the largest " + pattern + " file of a credential-state"
                    + " RocksDB truncated to half, restart: it must restore, not crash-loop";
        }

        @Override
        public void afterRound(FaultRun run, Round r, FaultLog log) {
            if (r.index() != round) {
                return;
            }
            run.service().stop(Duration.ofSeconds(60));
            Path victim = largest(run.stateDir(), fileName).orElseThrow(() -> new IllegalStateException(
                    "no " + fileName + " file of credential-state-store under " + run.stateDir() + " to corrupt"));
            long size = truncateToHalf(victim);
            log.between("truncated " + run.stateDir().relativize(victim) + " from " + size + " to " + size / 2 + " bytes");
            long t0 = System.nanoTime();
            run.startService();
            log.recovered(millisSince(t0));
        }
    }

    static long target(FaultRun run, double fraction) {
        return run.rawRoundStart() + Math.max(1, (long) (fraction * (run.rawRoundEnd() - run.rawRoundStart())));
    }

    static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static Optional<Path> largest(Path stateDir, String fileName) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(fileName) || p.getFileName().toString().endsWith(fileName))
                    .filter(p -> p.toString().contains("credential-state-store"))
                    .max(Comparator.comparingLong(FaultCases::size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long truncateToHalf(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ch.truncate(size / 2);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
