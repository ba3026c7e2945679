package io.nhidrift.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Generates hostile input for one format from a valid record of it (seeded, so every run writes the same bytes):
 * an NDJSON file with {@link #PER_KIND} lines of each kind (truncated JSON, invalid UTF-8, NUL bytes, binary
 * garbage, nesting deeper than the parser allows, wrong field types, numeric overflow, times far past, far future
 * and negative, duplicated keys), a few lines nested 100,000 levels deep, a 10 MB record, a pretty-printed top-level
 * array of {@link #PER_KIND} records (and for CloudTrail a {@code Records} body of as many), and gzip bombs. {@link #expectedRecords} is how many
 * records replay must account for: every line of the NDJSON file is exactly one.
 *
 * <p>Scaled down to keep the suite fast (each is still checked one by one): 3 lines of 100,000 levels (and
 * {@link #PER_KIND} of 1,000 levels), one 10 MB record, and {@link #BOMBS} gzip bombs per format (over 1,000
 * across the nine formats), each 32 MiB of zeros or spaces, read with a 1 MiB {@code replay.max-expanded-bytes}.
 */
final class HostileCorpus {

    static final int PER_KIND = 1_000;
    static final int DEEP_LINES = 3;
    static final int BOMBS = 120;
    static final String[] KINDS = {"truncated", "invalid-utf8", "nul", "garbage", "deep", "wrong-types", "overflow",
        "far-past", "far-future", "negative-time", "duplicate-keys"};

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[][] BAD_UTF8 = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF},
        {(byte) 0x80}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC2}};

    private final Random random = new Random(42);
    private final JsonNode template;
    private final String format;
    private long expected;

    HostileCorpus(String format, String template) throws IOException {
        this.format = format;
        this.template = JSON.readTree(template);
    }

    long expectedRecords() {
        return expected;
    }

    /** Writes the corpus of this format under {@code dir}. */
    void write(Path dir, byte[] zeroBomb, byte[] spaceBomb) throws IOException {
        Files.createDirectories(dir.resolve("bombs"));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("lines.ndjson")))) {
            for (String kind : KINDS) {
                for (int i = 0; i < PER_KIND; i++) {
                    line(out, hostile(kind));
                }
            }
            for (int i = 0; i < DEEP_LINES; i++) {
                line(out, nested(100_000, i % 2 == 0));
            }
            ObjectNode big = template.deepCopy();
            big.put("padding", "x".repeat(10 * 1024 * 1024));
            line(out, JSON.writeValueAsBytes(big));
        }
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < PER_KIND; i++) {
            array.add(template);
        }
        Files.write(dir.resolve("array.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
        expected += PER_KIND;
        if (format.equals("cloudtrail")) { // a Records body means something to CloudTrail only; the array above is every format's
            Files.write(dir.resolve("records.json"), JSON.writeValueAsBytes(NODES.objectNode().set("Records", array)));
            expected += PER_KIND;
        }
        for (int i = 0; i < BOMBS; i++) {
            Files.write(dir.resolve("bombs/bomb-" + i + ".gz"), i % 2 == 0 ? zeroBomb : spaceBomb);
        }
        expected += BOMBS;
    }

    /** A gzip stream of {@code mebibytes} MiB of {@code fill} bytes. */
    static byte[] bomb(int mebibytes, byte fill) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, fill);
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < mebibytes; i++) {
                gz.write(block);
            }
        }
        return bytes.toByteArray();
    }

    private void line(OutputStream out, byte[] record) throws IOException {
        out.write(record);
        out.write('\n');
        expected++;
    }

    private byte[] hostile(String kind) throws IOException {
        byte[] valid = JSON.writeValueAsBytes(template);
        return switch (kind) {
            case "truncated" -> java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 2));
            case "invalid-utf8" -> insertInString(valid, BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
            case "nul" -> insertAt(valid, random.nextInt(valid.length - 1), new byte[] {0});
            case "garbage" -> garbage();
            case "deep" -> nested(1_000, random.nextBoolean());
            case "wrong-types" -> JSON.writeValueAsBytes(mutateLeaves(template.deepCopy(), this::wrongType, 3));
            case "overflow" -> JSON.writeValueAsBytes(mutateLeaves(template.deepCopy(), n -> overflow(), 3));
            case "far-past" -> JSON.writeValueAsBytes(times(template.deepCopy(), new Object[] {"1970-01-01T00:00:00Z",
                "1971-06-01T00:00:00Z", "1999-12-31T23:59:59Z", 0L, 1L, "1970-01-01 00:00:00"}));
            case "far-future" -> JSON.writeValueAsBytes(times(template.deepCopy(), new Object[] {"2099-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "+999999999-12-31T23:59:59Z", Long.MAX_VALUE, 253402300800000L, 1e300}));
            case "negative-time" -> JSON.writeValueAsBytes(times(template.deepCopy(), new Object[] {"1969-12-31T23:59:59Z",
                "0001-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", -1L, Long.MIN_VALUE, -62135596800000L, "1900-01-01"}));
            case "duplicate-keys" -> duplicateKey(valid);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private byte[] garbage() {
        byte[] g = new byte[1 + random.nextInt(300)];
        random.nextBytes(g);
        for (int i = 0; i < g.length; i++) {
            if (g[i] == '\n') {
                g[i] = ' ';
            }
        }
        g[0] = (byte) (0x80 + random.nextInt(0x6E)); // never a byte that starts JSON (or a byte order mark)
        return g;
    }

    private static byte[] nested(int depth, boolean arrays) {
        StringBuilder b = new StringBuilder(depth * 6 + 8);
        b.append(arrays ? "[".repeat(depth) : "{\"a\":".repeat(depth)).append('1').append((arrays ? "]" : "}").repeat(depth));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] insertInString(byte[] valid, byte[] bad) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 1; i < valid.length; i++) {
            if (valid[i] == '"' && valid[i - 1] == ':') {
                quotes.add(i + 1);
            }
        }
        int at = quotes.isEmpty() ? 1 : quotes.get(random.nextInt(quotes.size()));
        return insertAt(valid, at, bad);
    }

    private static byte[] insertAt(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    private byte[] duplicateKey(byte[] valid) throws IOException {
        List<String> names = new ArrayList<>();
        template.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        JsonNode other = wrongType(template.get(name));
        byte[] dup = ("\"" + name + "\":" + JSON.writeValueAsString(other) + ",").getBytes(StandardCharsets.UTF_8);
        return random.nextBoolean() ? insertAt(valid, 1, dup) : insertAt(valid, valid.length - 1,
                ("," + new String(dup, 0, dup.length - 1, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces up to {@code count} randomly chosen values (at any depth) with what {@code f} makes of them. */
    private JsonNode mutateLeaves(JsonNode root, java.util.function.UnaryOperator<JsonNode> f, int count) {
        List<Map.Entry<JsonNode, String>> slots = new ArrayList<>();
        collect(root, slots);
        for (int i = 0; i < count && !slots.isEmpty(); i++) {
            Map.Entry<JsonNode, String> s = slots.get(random.nextInt(slots.size()));
            ObjectNode parent = (ObjectNode) s.getKey();
            parent.set(s.getValue(), f.apply(parent.get(s.getValue())));
        }
        return root;
    }

    private static void collect(JsonNode n, List<Map.Entry<JsonNode, String>> slots) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
                String name = it.next();
                slots.add(Map.entry(n, name));
                collect(n.get(name), slots);
            }
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, slots));
        }
    }

    private JsonNode wrongType(JsonNode was) {
        JsonNode[] options = {NODES.objectNode(), NODES.arrayNode(), NODES.numberNode(-1), NODES.numberNode(3.5), NODES.booleanNode(true),
            NODES.nullNode(), NODES.textNode(""), NODES.textNode("\u0000\u001b[31m"), NODES.arrayNode().add(1).add("a"),
            NODES.objectNode().set("x", NODES.objectNode())};
        JsonNode n;
        do {
            n = options[random.nextInt(options.length)];
        } while (was != null && n.getNodeType() == was.getNodeType() && options.length > 1 && random.nextInt(4) > 0);
        return n;
    }

    private JsonNode overflow() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(new BigInteger("9".repeat(400)));
            case 1 -> NODES.numberNode(new BigDecimal("1e999999"));
            case 2 -> NODES.numberNode(new BigInteger("-9223372036854775809"));
            case 3 -> NODES.numberNode(new BigDecimal("-1e-999999"));
            default -> NODES.numberNode(new BigInteger("18446744073709551616"));
        };
    }

    /** Sets every field that holds a time (by name) to one of {@code values}. */
    private JsonNode times(JsonNode root, Object[] values) {
        List<Map.Entry<JsonNode, String>> slots = new ArrayList<>();
        collect(root, slots);
        for (Map.Entry<JsonNode, String> s : slots) {
            String name = s.getValue().toLowerCase(java.util.Locale.ROOT);
            if (name.contains("time") || name.contains("timestamp") || name.equals("started_at") || name.equals("created_at")
                    || name.equals("createddatetime")) {
                Object v = values[random.nextInt(values.length)];
                ObjectNode parent = (ObjectNode) s.getKey();
                if (v instanceof String str) {
                    parent.put(s.getValue(), str);
                } else if (v instanceof Long l) {
                    parent.put(s.getValue(), l);
                } else {
                    parent.put(s.getValue(), (Double) v);
                }
            }
        }
        return root;
    }
}
