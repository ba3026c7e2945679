package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.UnitTest;

@UnitTest
class RecordFileReaderTest {

    @TempDir
    Path dir;

    private final List<RawRecord> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private void read(Path file) {
        RecordFileReader.read(file, records::add, (origin, reason) -> errors.add(origin + " " + reason));
    }

    private List<String> texts() {
        return records.stream().map(r -> new String(r.bytes(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void jsonArrayGivesOneRecordPerElementWithItsLine() throws Exception {
        Path f = Files.writeString(dir.resolve("a.json"), "[\n  {\"a\": 1},\n  {\"b\": [1, 2]}\n]\n");
        read(f);
        assertEquals(List.of("{\"a\": 1}", "{\"b\": [1, 2]}"), texts());
        assertEquals(List.of(2, 3), records.stream().map(RawRecord::line).toList());
    }

    @Test
    void prettyPrintedObjectIsOneRecord() throws Exception {
        Path f = Files.writeString(dir.resolve("s3.json"), "{\n \"Records\": [\n  {\"x\": 1}\n ]\n}\n");
        read(f);
        assertEquals(1, records.size());
        assertTrue(texts().get(0).startsWith("{\n \"Records\""));
    }

    @Test
    void ndjsonWithABrokenLineFallsBackToLinesSoOnlyThatLineIsLost() throws Exception {
        Path f = Files.writeString(dir.resolve("k.ndjson"), "{\"a\":1}\n{\"b\": broken\n\n{\"c\":3}\r\n");
        read(f);
        assertEquals(List.of("{\"a\":1}", "{\"b\": broken", "{\"c\":3}"), texts());
        assertEquals(List.of(1, 2, 4), records.stream().map(RawRecord::line).toList());
    }

    @Test
    void gzipIsDetectedByItsMagicBytesAndATruncatedOneIsReported() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("{\"a\":1}\n{\"b\":2}\n".repeat(200).getBytes(StandardCharsets.UTF_8));
        }
        Path ok = Files.write(dir.resolve("ok.log"), bytes.toByteArray());
        read(ok);
        assertEquals(400, records.size());
        byte[] truncated = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        Path bad = Files.write(dir.resolve("bad.gz"), truncated);
        read(bad);
        assertEquals(400, records.size());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("bad.gz") && errors.get(0).contains("gzip"), errors.toString());
    }

    @Test
    void invalidUtf8IsPassedOnAsARecordForTheAdapterToReject() throws Exception {
        Path f = Files.write(dir.resolve("bin.log"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        read(f);
        assertEquals(1, records.size());
        assertEquals(List.of(), errors);
    }

    @Test
    void directoriesAreReadRecursivelyInPathOrder() throws Exception {
        Files.createDirectories(dir.resolve("b/c"));
        Files.writeString(dir.resolve("b/c/2.json"), "{\"n\":2}");
        Files.writeString(dir.resolve("a.json"), "{\"n\":1}");
        Files.writeString(dir.resolve(".hidden"), "{\"n\":0}");
        assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b/c/2.json")), RecordFileReader.files(dir));
    }
}
