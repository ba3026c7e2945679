package io.nhidrift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.config.AppConfig;
import io.nhidrift.replay.ReplayReport;
import io.nhidrift.replay.ReplayRunner;
import io.nhidrift.replay.TopologyReplayRunner;
import io.nhidrift.testing.TopologyTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, done when: on a smaller sample of the generated world that replay is measured on ({@link ReplayWorld}),
 * the direct replay path gives the topology's alerts (and report) byte for byte, and the world exercises most
 * alert types, so the comparison covers them.
 */
@TopologyTest
class ReplayWorldEquivalenceTest {

    @TempDir
    Path dir;

    @Test
    void directReplayOfAGeneratedWorldEqualsTheTopologyPath() throws Exception {
        new ReplayWorld(dir, 12_000, 7).write();
        List<ReplayRunner.Input> inputs = new ArrayList<>();
        for (String[] in : ReplayWorld.inputs(dir)) {
            inputs.add(new ReplayRunner.Input(in[0], Path.of(in[1])));
        }
        List<Path> inventory = List.of(dir.resolve("inventory.ndjson"));

        ByteArrayOutputStream topologyOut = new ByteArrayOutputStream();
        ByteArrayOutputStream topologyErr = new ByteArrayOutputStream();
        new TopologyReplayRunner(AppConfig.defaults(), inputs, report(topologyErr)).run(inventory, inputs, null, topologyOut);
        ByteArrayOutputStream directOut = new ByteArrayOutputStream();
        ByteArrayOutputStream directErr = new ByteArrayOutputStream();
        new ReplayRunner(AppConfig.defaults(), inputs, report(directErr)).run(inventory, inputs, null, directOut);

        String alerts = topologyOut.toString(StandardCharsets.UTF_8);
        Set<String> types = new TreeSet<>();
        Matcher m = Pattern.compile("\"type\":\"([A-Z_]+)\"").matcher(alerts);
        while (m.find()) {
            types.add(m.group(1));
        }
        assertTrue(types.size() >= 8, "alert types in the world: " + types);
        assertEquals(alerts, directOut.toString(StandardCharsets.UTF_8));
        assertEquals(topologyErr.toString(StandardCharsets.UTF_8), directErr.toString(StandardCharsets.UTF_8));
    }

    private static ReplayReport report(ByteArrayOutputStream err) {
        return new ReplayReport(new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
