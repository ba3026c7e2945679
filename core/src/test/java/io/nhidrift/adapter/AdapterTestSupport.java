package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample-file reading, per-file tallies and hostile-input checks shared by the adapter tests. */
public final class AdapterTestSupport {

    private AdapterTestSupport() {}

    /** Root of the shared sample data (surefire sets it; never copied into the repo). */
    public static Path samples() {
        return io.nhidrift.testing.Samples.root();
    }

    /** One record per non-blank line. */
    public static List<byte[]> ndjson(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Panther rule-test extraction: NDJSON of wrappers whose {@code log} is the record. */
    public static List<byte[]> panther(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (byte[] line : ndjson(file)) {
            JsonNode w = Json.MAPPER.readTree(line);
            out.add(Json.MAPPER.writeValueAsBytes(w.get("log")));
        }
        return out;
    }

    /** A file that is one JSON document, else NDJSON. */
    public static List<byte[]> documentOrNdjson(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        try {
            Json.MAPPER.readTree(all);
            try (var p = Json.MAPPER.getFactory().createParser(all)) {
                p.nextToken();
                p.skipChildren();
                if (p.nextToken() == null) {
                    return List.of(all);
                }
            }
        } catch (IOException e) {
            // not one document
        }
        return ndjson(file);
    }

    /** What the records of one file became. */
    public static final class Tally {
        public final String file;
        public int records;
        public int normalized;
        public int skipped;
        public int failed;
        public int events;
        public final List<UsageEvent> all = new ArrayList<>();
        public final Map<String, Integer> reasons = new LinkedHashMap<>();

        Tally(String file) {
            this.file = file;
        }

        @Override
        public String toString() {
            return String.format("%s: records=%d normalized=%d skipped=%d failed=%d events=%d reasons=%s",
                    file, records, normalized, skipped, failed, events, reasons);
        }
    }

    /** Runs every record through the adapter; any exception other than AdapterException fails the test. */
    public static Tally run(LogAdapter adapter, String label, List<byte[]> records) {
        Tally t = new Tally(label);
        for (byte[] r : records) {
            t.records++;
            try {
                ParseResult res = adapter.parse(r);
                assertNotNull(res);
                if (!res.events().isEmpty()) {
                    t.normalized++;
                    t.events += res.events().size();
                    t.all.addAll(res.events());
                    for (UsageEvent e : res.events()) {
                        checkInvariants(adapter, e);
                    }
                } else if (!res.skipped().isEmpty()) {
                    t.skipped++;
                    res.skipped().forEach(s -> t.reasons.merge("skip: " + s, 1, Integer::sum));
                } else {
                    fail("record produced neither events nor a skip reason: " + new String(r, StandardCharsets.UTF_8));
                }
            } catch (AdapterException e) {
                t.failed++;
                assertNotNull(e.getMessage());
                t.reasons.merge("fail: " + e.getMessage(), 1, Integer::sum);
            } catch (RuntimeException e) {
                throw new AssertionError("non-AdapterException escaped " + adapter.format() + ": " + e, e);
            }
        }
        assertEquals(t.records, t.normalized + t.skipped + t.failed);
        System.out.println("[" + adapter.format() + "] " + t);
        return t;
    }

    public static void checkInvariants(LogAdapter adapter, UsageEvent e) {
        assertEquals(adapter.format(), e.getSource());
        assertFalse(e.getCredentialId().isBlank(), "credential id");
        assertFalse(e.getAction().isBlank(), "action");
        assertFalse(e.getEventId().isBlank(), "event id");
        assertTrue(e.getEventTime() > 0, "event time");
    }

    public static UsageEvent only(ParseResult r) {
        assertEquals(1, r.events().size(), () -> "events: " + r);
        return r.events().get(0);
    }

    public static ParseResult parse(LogAdapter a, String json) throws AdapterException {
        return a.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A 10 MB record, 1000-deep nesting, invalid UTF-8, truncated and binary input: AdapterException with a reason. */
    public static void assertRejectsHostileInput(LogAdapter a, String validRecord) {
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        byte[] prefix = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, big, 0, prefix.length);
        big[big.length - 2] = '"';
        big[big.length - 1] = '}';
        rejects(a, big, "10 MB record");

        StringBuilder deep = new StringBuilder();
        deep.append("{\"protoPayload\":".repeat(1000)).append("1").append("}".repeat(1000));
        rejects(a, deep.toString().getBytes(StandardCharsets.UTF_8), "1000-deep objects");
        rejects(a, ("[".repeat(1000) + "]".repeat(1000)).getBytes(StandardCharsets.UTF_8), "1000-deep arrays");

        byte[] utf8 = validRecord.getBytes(StandardCharsets.UTF_8);
        int q = validRecord.indexOf(":\"") + 2;
        byte[] bad = new byte[utf8.length + 3];
        System.arraycopy(utf8, 0, bad, 0, q);
        bad[q] = (byte) 0xC3;
        bad[q + 1] = (byte) 0x28;
        bad[q + 2] = (byte) 0xFF;
        System.arraycopy(utf8, q, bad, q + 3, utf8.length - q);
        rejects(a, bad, "invalid UTF-8");

        rejects(a, Arrays.copyOf(utf8, utf8.length / 2), "truncated record");
        rejects(a, new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xff, 0x01},
                "binary (gzip) input");
        rejects(a, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00}, "binary (png) input");
        rejects(a, new byte[0], "empty input");
        rejects(a, null, "null input");
        rejects(a, "42".getBytes(StandardCharsets.UTF_8), "scalar JSON");
    }

    private static void rejects(LogAdapter a, byte[] raw, String what) {
        AdapterException e = assertThrows(AdapterException.class, () -> a.parse(raw), what);
        assertNotNull(e.getMessage(), what);
        assertFalse(e.getMessage().isBlank(), what);
    }
}
