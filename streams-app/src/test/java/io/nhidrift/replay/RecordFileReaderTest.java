package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.config.AppConfig;
import io.nhidrift.testing.UnitTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@UnitTest
class RecordFileReaderTest {

    @TempDir
    Path dir;

    private final List<RawRecord> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private void read(Path file) {
        read(file, "kong", ReplayLimits.defaults());
    }

    private void read(Path file, String format, ReplayLimits limits) {
        RecordFileReader.read(file, format, limits, records::add, (origin, reason) -> errors.add(origin + " " + reason));
    }

    private List<String> texts() {
        return records.stream().map(r -> new String(r.bytes(), StandardCharsets.UTF_8)).toList();
    }

    private static byte[] gzip(byte[] text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text);
        }
        return bytes.toByteArray();
    }

    @Test
    void jsonArrayGivesOneRecordPerElementWithItsLineAndIndex() throws Exception {
        Path f = Files.writeString(dir.resolve("a.json"), "[\n  {\"a\": 1},\n  {\"b\": [1, 2]}\n]\n");
        read(f);
        assertEquals(List.of("{\"a\": 1}", "{\"b\": [1, 2]}"), texts());
        assertEquals(List.of(2, 3), records.stream().map(RawRecord::line).toList());
        assertEquals(List.of(0, 1), records.stream().map(RawRecord::index).toList());
        assertEquals(f + ":3 [element 1]", records.get(1).origin());
    }

    @Test
    void cloudTrailRecordsBodyIsSplitIntoItsRecordsOtherFormatsKeepTheObject() throws Exception {
        Path f = Files.writeString(dir.resolve("s3.json"), "{\n \"Records\": [\n  {\"x\": 1},\n  {\"y\": 2}\n ]\n}\n");
        read(f, "cloudtrail", ReplayLimits.defaults());
        assertEquals(List.of("{\"x\": 1}", "{\"y\": 2}"), texts());
        records.clear();
        read(f, "kong", ReplayLimits.defaults());
        assertEquals(1, records.size());
        assertTrue(texts().get(0).startsWith("{\n \"Records\""));
    }

    @Test
    void aRecordsBodyFarOverEightMebibytesIsStreamedRecordByRecord() throws Exception {
        int n = 200_000;
        Path f = dir.resolve("big.json");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(f))) {
            out.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < n; i++) {
                out.write(((i == 0 ? "" : ",") + "{\"eventName\":\"GetObject\",\"n\":" + i + ",\"pad\":\"" + "x".repeat(40) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write("]}".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Files.size(f) > 8L * 1024 * 1024);
        int[] count = {0};
        RecordFileReader.read(f, "cloudtrail", ReplayLimits.defaults(), r -> {
            assertEquals(r.index(), count[0]);
            count[0]++;
        }, (o, r) -> errors.add(o + " " + r));
        assertEquals(n, count[0]);
        assertEquals(List.of(), errors);
    }

    @Test
    void ndjsonWithABrokenLineLosesOnlyThatLine() throws Exception {
        Path f = Files.writeString(dir.resolve("k.ndjson"), "{\"a\":1}\n{\"b\": broken\n\n{\"c\":3}\r\n{\"d\": 1, \"e\"\n{\"f\":6}\n");
        read(f);
        assertEquals(List.of("{\"a\":1}", "{\"c\":3}", "{\"f\":6}"), texts());
        assertEquals(List.of(1, 4, 6), records.stream().map(RawRecord::line).toList());
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(f + ":2 invalid JSON"), errors.toString());
        assertTrue(errors.get(1).startsWith(f + ":5 invalid JSON"), errors.toString());
    }

    @Test
    void aTruncatedPrettyPrintedArrayGivesItsCompleteRecordsAndReportsTheRest() throws Exception {
        StringBuilder s = new StringBuilder("[\n");
        for (int i = 0; i < 100; i++) {
            s.append(i == 0 ? "" : ",\n").append("  {\n    \"n\": ").append(i).append(",\n    \"t\": \"2026-01-01T00:00:00Z\"\n  }");
        }
        String text = s.toString();
        Path f = Files.writeString(dir.resolve("cut.json"), text.substring(0, text.length() - 20));
        read(f);
        assertEquals(99, records.size());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("[element 99]") && errors.get(0).contains("rest of the file"), errors.toString());
    }

    @Test
    void nullAndOtherNonObjectElementsAreReportedWithTheirIndex() throws Exception {
        Path f = Files.writeString(dir.resolve("n.json"), "[{\"a\":1}, null, 7, \"s\", [1], {\"b\":2}, true]");
        read(f);
        assertEquals(2, records.size());
        assertEquals(5, errors.size());
        assertTrue(errors.get(0).contains("[element 1]") && errors.get(0).contains("null"), errors.toString());
        assertTrue(errors.get(3).contains("[element 4]") && errors.get(3).contains("an array"), errors.toString());
    }

    @Test
    void gzipIsReadAndATruncatedOneGivesItsCompleteRecordsAndOneReportForTheRest() throws Exception {
        byte[] gz = gzip("{\"a\":1}\n{\"b\":2}\n".repeat(20_000).getBytes(StandardCharsets.UTF_8));
        read(Files.write(dir.resolve("ok.log"), gz));
        assertEquals(40_000, records.size());
        records.clear();
        read(Files.write(dir.resolve("bad.gz"), Arrays.copyOf(gz, gz.length / 2)));
        assertTrue(records.size() > 1000 && records.size() < 40_000, "records " + records.size());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("bad.gz") && errors.get(0).contains("rest of the file"), errors.toString());
    }

    @Test
    void textThatStartsWithTheGzipMagicBytesIsReadAsText() throws Exception {
        byte[] text = "\u001f\u008b{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.ISO_8859_1);
        read(Files.write(dir.resolve("magic.ndjson"), text));
        assertEquals(List.of("{\"b\":2}"), texts());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains(":1 invalid JSON"), errors.toString());
    }

    @Test
    void aGzipBombIsOneRejectionAfterTheConfiguredExpansion() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("{\"first\":1}\n".getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        Path f = Files.write(dir.resolve("bomb.gz"), bytes.toByteArray());
        read(f, "kong", ReplayLimits.from(AppConfig.defaults().with(Map.of("replay.max-expanded-bytes", "16MiB"))));
        assertEquals(List.of("{\"first\":1}"), texts());
        assertTrue(errors.stream().anyMatch(e -> e.contains("replay.max-expanded-bytes")), errors.toString());
    }

    @Test
    void aRecordOverTheSizeLimitIsRejectedAndItsNeighboursKept() throws Exception {
        String big = "{\"a\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        Path f = Files.writeString(dir.resolve("big.ndjson"), "{\"n\":1}\n" + big + "\n{\"n\":3}\n");
        read(f);
        assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), texts());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains(":2 record of"), errors.toString());
    }

    @Test
    void theRecordLimitPerFileReportsTheRestAsOneRejection() throws Exception {
        Path f = Files.writeString(dir.resolve("many.ndjson"), "{\"n\":1}\n".repeat(10));
        read(f, "kong", ReplayLimits.from(AppConfig.defaults().with(Map.of("replay.max-records-per-file", "4"))));
        assertEquals(4, records.size());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains(":5 ") && errors.get(0).contains("replay.max-records-per-file"), errors.toString());
    }

    @Test
    void malformedUtf8IsRejectedByTheReaderOverlongFormsAreLeftToTheAdapterCheck() throws Exception {
        Path f = Files.write(dir.resolve("bin.log"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n',
            '{', '"', 'b', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}', '\n'});
        read(f);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains(":1 invalid JSON"), errors.toString());
        assertEquals(1, records.size());
        assertEquals(2, records.get(0).line());
    }

    @Test
    void nulBytesAndBinaryGarbageAreRejectedLineByLine() throws Exception {
        Path f = Files.write(dir.resolve("nul.log"), "\u0000\u0000{\"a\":1}\n\u00ff\u00fe\u0001\n{\"ok\":1}\n".getBytes(StandardCharsets.ISO_8859_1));
        read(f);
        assertEquals(List.of("{\"ok\":1}"), texts());
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void aTextLogLineThatStartsLikeAnArrayIsOneRejectionNotElementsPlusARest() throws Exception {
        Path f = Files.writeString(dir.resolve("envoy.log"), "[2019-04-08T16:50:12.533Z] \"GET / HTTP/1.1\" 200\n"
                + "[null, {\"a\":1}]\n");
        read(f);
        assertEquals(List.of("{\"a\":1}"), texts());
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(f + ":1 invalid JSON"), errors.toString());
        assertTrue(errors.get(1).startsWith(f + ":2 [element 0] array element is null"), errors.toString());
    }

    @Test
    void directoriesAreReadRecursivelyInPathOrder() throws Exception {
        Files.createDirectories(dir.resolve("b/c"));
        Files.writeString(dir.resolve("b/c/2.json"), "{\"n\":2}");
        Files.writeString(dir.resolve("a.json"), "{\"n\":1}");
        Files.writeString(dir.resolve(".hidden"), "{\"n\":0}");
        assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b/c/2.json")), RecordFileReader.files(dir, (o, r) -> errors.add(o)));
        assertEquals(List.of(), errors);
    }
}
