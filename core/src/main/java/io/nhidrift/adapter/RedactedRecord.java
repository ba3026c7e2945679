package io.nhidrift.adapter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * A raw record as text with its secrets redacted, for a dead letter that must not keep the original bytes
 * ({@code dead-letters.redact=true}): gzip is unpacked first (up to {@link Json#MAX_RECORD_BYTES}), bytes that are not
 * UTF-8 become U+FFFD. A record that cannot be unpacked is replaced by a marker, never kept as it was.
 */
public final class RedactedRecord {

    private RedactedRecord() {}

    public static byte[] of(byte[] raw) {
        if (raw == null) {
            return null;
        }
        byte[] data = raw;
        if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            data = gunzip(raw);
            if (data == null) {
                return SecretPatterns.marker("unreadable-gzip-record").getBytes(StandardCharsets.UTF_8);
            }
        }
        return Redactor.redactText(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] raw) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > io.nhidrift.json.Json.MAX_RECORD_BYTES) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            return null;
        }
    }
}
