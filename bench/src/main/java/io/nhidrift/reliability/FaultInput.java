package io.nhidrift.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.demo.CloudTrailGenerator;
import io.nhidrift.demo.CloudTrailGenerator.Call;
import io.nhidrift.demo.DemoScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * The input every run of the suite receives, identical byte for byte: {@code tenants} copies of the demo
 * scenario (120 days of CloudTrail traffic of eleven credentials with leaks, idle and dormant keys, expired,
 * revoked, human-used and unknown ones; {@link DemoScenario}), each tenant with its own credential ids, plus
 * inventory updates that race events of the same credentials (an exporter key whose grants expand, a backup
 * key whose grants shrink, a BI key revoked while in use).
 *
 * <p><b>Rounds.</b> The input is cut into rounds at every inventory version's {@code asOf} (and a few more
 * instants): a round is its inventory records, then its CloudTrail records in time order, then one marker
 * record per {@code nhi.events} partition. Live, an event is judged by the inventory in the store when it is
 * processed, and the service reads inventory and events from different topics; so an inventory version
 * produced while older events are still being normalized would be applied before them in one run and after
 * them in another (after a restart the task reads both in timestamp order). Producing each round only after
 * the previous one is processed, with every inventory version stamped before the round's events, leaves one
 * order only: the timestamp order, which a restarted task also follows ({@link FaultRun#produce} also waits until
 * a round's inventory is readable before producing its raw records). Within a round, inventory updates and
 * the events of the same credentials are in flight together, which is what the race case kills into.
 *
 * <p><b>Markers.</b> A marker is a call by a credential nobody inventoried, keyed so that it lands on a given
 * partition of the events topic; its {@code UNKNOWN_CREDENTIAL} alert, once readable with
 * {@code read_committed}, proves that partition processed and committed everything before it.
 */
final class FaultInput {

    static final long DAY = DemoScenario.DAY;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One round: inventory records (key, JSON value, record timestamp = asOf), raw CloudTrail records, markers. */
    record Round(int index, List<InventoryRecord> inventory, List<byte[]> raw, List<String> markers) {
        int rawRecords() {
            return raw.size();
        }
    }

    record InventoryRecord(String credentialId, byte[] json, long asOf) {}

    private final List<Round> rounds;
    private final int tenants;
    private final int events;

    private FaultInput(List<Round> rounds, int tenants) {
        this.rounds = rounds;
        this.tenants = tenants;
        this.events = rounds.stream().mapToInt(Round::rawRecords).sum();
    }

    List<Round> rounds() {
        return rounds;
    }

    int tenants() {
        return tenants;
    }

    /** CloudTrail records over all rounds, markers included. */
    int events() {
        return events;
    }

    /**
     * Builds the input.
     *
     * @param tenants copies of the demo scenario
     * @param now the scenario's "now" (its traffic ends before it): far enough in the past that the wall clock
     *     plays no part (the service is run with a long punctuation interval, see {@link FaultRun})
     * @param eventPartitions partition count of the events topic (one marker per partition and round)
     */
    static FaultInput build(int tenants, long now, int eventPartitions) {
        long expand = now - 10 * DAY;
        long narrow = now - 4 * DAY;
        List<InventoryRecord> inventory = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            for (String line : DemoScenario.inventoryLines(now)) {
                inventory.add(record(rename(line, t)));
            }
            for (Call c : DemoScenario.history(now)) {
                calls.add(new Call(rename(c.credentialId(), t), c.principal(), c.eventSource(), c.eventName(), c.time(),
                        c.sourceIp(), c.userAgent(), c.denied()));
            }
            String base = DemoScenario.inventoryLines(now).get(0);
            inventory.add(update(rename(base, t), expand, n -> grants(n).add("iam:ListUsers")));
            inventory.add(update(rename(DemoScenario.inventoryLines(now).get(2), t), narrow,
                    n -> n.set("grants", JSON.createArrayNode().add("s3:PutObject").add("ec2:*"))));
            inventory.add(update(rename(DemoScenario.inventoryLines(now).get(8), t), narrow,
                    n -> n.put("revokedAt", Instant.ofEpochMilli(narrow).toString())));
        }
        calls.sort(Comparator.comparingLong(Call::time));
        long first = calls.get(0).time();
        TreeSet<Long> cuts = new TreeSet<>();
        inventory.stream().map(InventoryRecord::asOf).filter(a -> a > first).forEach(cuts::add);
        cuts.add(now - 95 * DAY);
        cuts.add(now - 70 * DAY);

        CloudTrailGenerator ct = new CloudTrailGenerator(20_261_201L);
        List<Round> rounds = new ArrayList<>();
        List<Long> bounds = new ArrayList<>();
        bounds.add(Long.MIN_VALUE);
        bounds.addAll(cuts);
        bounds.add(Long.MAX_VALUE);
        int next = 0;
        for (int k = 0; k + 1 < bounds.size(); k++) {
            boolean firstRound = k == 0;
            long from = bounds.get(k);
            long to = bounds.get(k + 1);
            // inventory versions taking effect at the round's start (the first round: all that precede every event)
            List<InventoryRecord> inv = inventory.stream()
                    .filter(r -> firstRound ? r.asOf() <= first : r.asOf() == from).toList();
            List<byte[]> raw = new ArrayList<>();
            long last = from;
            // CloudTrail times have second precision: cut on the rendered second, so no event ties with an asOf
            while (next < calls.size() && Math.floorDiv(calls.get(next).time(), 1000L) * 1000L <= to) {
                Call c = calls.get(next++);
                raw.add(ct.record(c));
                last = c.time();
            }
            List<String> markers = markers(k, eventPartitions);
            for (String m : markers) {
                raw.add(ct.record(new Call(m, "marker", "sts.amazonaws.com", "GetCallerIdentity", last, "192.0.2.99",
                        "aws-cli/2.15.30 Python/3.11.8", false)));
            }
            rounds.add(new Round(k, inv, List.copyOf(raw), markers));
        }
        return new FaultInput(List.copyOf(rounds), tenants);
    }

    /** Marker credential ids of round {@code k}, one per events partition (default partitioner: murmur2 of the key). */
    static List<String> markers(int k, int partitions) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (int n = 0;; n++) {
                String id = String.format("AKIAMARKER%02d%08d", k, n);
                if (partitionOf(id, partitions) == p) {
                    out.add(id);
                    break;
                }
            }
        }
        return out;
    }

    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The demo's ids made tenant-specific: {@code AKIAQX3…} keys and the CI role ARN. */
    static String rename(String s, int tenant) {
        String code = String.format("T%02d", tenant);
        return s.replace("AKIAQX3", "AKIA" + code).replace(":role/ci-deploy", ":role/ci-deploy-" + code.toLowerCase());
    }

    private static InventoryRecord record(String line) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            return new InventoryRecord(n.path("credentialId").asText(), line.getBytes(StandardCharsets.UTF_8),
                    Instant.parse(n.path("asOf").asText()).toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InventoryRecord update(String line, long asOf, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            change.accept(n);
            n.put("asOf", Instant.ofEpochMilli(asOf).toString());
            return record(JSON.writeValueAsString(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode grants(ObjectNode n) {
        return (ArrayNode) n.get("grants");
    }
}
