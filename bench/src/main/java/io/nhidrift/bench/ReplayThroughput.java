package io.nhidrift.bench;

import io.nhidrift.cli.Main;
import io.nhidrift.demo.CloudTrailGenerator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurement 7: {@code replay} end to end (read files, normalize, detect, write alerts) on generated
 * CloudTrail S3-delivery files ({@code {"Records":[…]}}, 500 records each) and their inventory.
 */
final class ReplayThroughput {

    static final class Result {
        int credentials;
        int events;
        long bytes;
        Stats eventsPerSec = new Stats();
        int exitCode;
    }

    private ReplayThroughput() {}

    static Result run(int credentials, int events, int runs, Path workDir) throws Exception {
        Result res = new Result();
        res.credentials = credentials;
        res.events = events;
        Path dir = Files.createTempDirectory(workDir, "replay");
        try {
            Path inventory = dir.resolve("inventory.ndjson");
            try (OutputStream out = Files.newOutputStream(inventory)) {
                for (int i = 0; i < credentials; i++) {
                    out.write(LoadGenerator.inventory(i, Throughput.T0 - 200 * Throughput.DAY, Throughput.T0 - Throughput.DAY));
                    out.write('\n');
                }
            }
            Path logs = Files.createDirectories(dir.resolve("ct"));
            LoadGenerator gen = new LoadGenerator(credentials, 2024);
            List<byte[]> batch = new ArrayList<>();
            int file = 0;
            double step = 3_600_000.0 / events;
            for (int k = 0; k < events; k++) {
                batch.add(gen.render(gen.next(Throughput.T0 + (long) (k * step))));
                if (batch.size() == 500 || k == events - 1) {
                    byte[] body = CloudTrailGenerator.s3Delivery(batch);
                    res.bytes += body.length;
                    Files.write(logs.resolve(String.format("444455556666_CloudTrail_us-east-1_%05d.json", file++)), body);
                    batch.clear();
                }
            }
            for (int r = 0; r < runs; r++) {
                Path alerts = dir.resolve("alerts-" + r + ".ndjson");
                PrintStream err = System.err;
                long start = System.nanoTime();
                try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
                    System.setErr(quiet);
                    res.exitCode = Main.execute("replay", "--inventory", inventory.toString(), "--input", "cloudtrail=" + logs,
                            "--alerts", alerts.toString());
                } finally {
                    System.setErr(err);
                }
                double eps = events / ((System.nanoTime() - start) / 1e9);
                res.eventsPerSec.add(eps);
                Throughput.log("replay run %d: %,d events in %.1f s = %,.0f events/s (exit %d)", r + 1, events,
                        events / eps, eps, res.exitCode);
            }
        } finally {
            BenchCluster.deleteRecursively(dir);
        }
        return res;
    }
}
