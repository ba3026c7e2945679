package io.nhidrift.adapter.cloudtrail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Json;
import io.nhidrift.adapter.Utf8;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * JSON plumbing of the CloudTrail adapter: reading every top-level value of a raw input (gunzipped first when
 * gzip, bounded by {@link Json#MAX_RECORD_BYTES}), and field lookups that try the exact name first and a
 * case-insensitive match only when asked (Panther's fixtures carry {@code eventname}, {@code useridentity}, …).
 */
final class CloudTrailJson {

    private CloudTrailJson() {
    }

    /** A field by exact name, else (when {@code ci}) by case-insensitive name. */
    static JsonNode field(JsonNode obj, String name, boolean ci) {
        JsonNode n = obj.get(name);
        if (n != null || !ci || !obj.isObject()) {
            return n;
        }
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Scalar text of a field, null when absent, null, empty or a container. */
    static String text(JsonNode obj, String name, boolean ci) {
        JsonNode n = field(obj, name, ci);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    /** Every top-level JSON value of the input (usually exactly one), gunzipped first when gzip. */
    static List<JsonNode> readValues(byte[] raw) throws AdapterException {
        if (raw == null || raw.length == 0) {
            throw new AdapterException("empty record");
        }
        byte[] data = raw;
        if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            data = gunzip(raw);
        }
        if (data.length > Json.MAX_RECORD_BYTES) {
            throw new AdapterException("record of " + data.length + " bytes exceeds the limit of "
                    + Json.MAX_RECORD_BYTES);
        }
        Utf8.require(data);
        List<JsonNode> out = new ArrayList<>(1);
        try (JsonParser p = Json.MAPPER.createParser(data)) {
            while (p.nextToken() != null) {
                JsonNode n = Json.MAPPER.readTree(p);
                if (n != null && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AdapterException("invalid JSON: " + Json.firstLine(e.getMessage()), e);
        }
        if (out.isEmpty()) {
            throw new AdapterException("empty record");
        }
        return out;
    }

    private static byte[] gunzip(byte[] raw) throws AdapterException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(raw.length * 8L, 1 << 20));
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > Json.MAX_RECORD_BYTES) {
                    throw new AdapterException("gzipped record exceeds the limit of " + Json.MAX_RECORD_BYTES
                            + " bytes uncompressed");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AdapterException("invalid gzip: " + Json.firstLine(e.getMessage()), e);
        }
    }
}
