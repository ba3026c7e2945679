package io.nhidrift.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * What a consumer with a Confluent deserializer does, written out (Confluent's own deserializer is not on Maven
 * Central): a value is magic byte 0, a 4-byte big-endian schema id and the Avro binary body; the writer schema is
 * {@code GET <registry>/schemas/ids/{id}} of a Confluent-compatible API ({@code {"schema": "…"}}), cached per id; the
 * body is read as a generic record with that schema. Knows nothing of nhi-drift's classes.
 */
final class ConfluentWireReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Schema> schemas = new HashMap<>();

    /** @param registry the Confluent-compatible base URL, e.g. {@code http://registry:8080/apis/ccompat/v7} */
    ConfluentWireReader(String registry) {
        this.registry = registry;
    }

    GenericRecord read(byte[] value) throws IOException, InterruptedException {
        ByteBuffer b = ByteBuffer.wrap(value);
        if (b.remaining() < 5 || b.get() != 0) {
            throw new IOException("not the Confluent wire format (magic byte 0 and a 4-byte schema id)");
        }
        Schema writer = schema(b.getInt());
        return new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(value, b.position(), b.remaining(), null));
    }

    private Schema schema(int id) throws IOException, InterruptedException {
        Schema known = schemas.get(id);
        if (known != null) {
            return known;
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(registry + "/schemas/ids/" + id))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("schema id " + id + ": HTTP " + r.statusCode() + " " + r.body());
        }
        Schema s = new Schema.Parser().parse(JSON.readTree(r.body()).path("schema").asText());
        schemas.put(id, s);
        return s;
    }
}
