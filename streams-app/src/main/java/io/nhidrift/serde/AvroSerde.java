package io.nhidrift.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (a 10-byte header carrying the writer schema's fingerprint, then the
 * binary body) for state stores and internal topics. The decoder knows every committed version of
 * the schema (schemas/history, packaged as resources), so state written by an older release is
 * still readable after the schema evolves.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSerde(Class<T> type, Schema schema) {
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        for (Schema old : SchemaHistory.versionsOf(schema.getName())) {
            decoder.addSchema(old);
        }
    }

    public byte[] toBytes(T value) {
        try {
            ByteBuffer b = encoder.encode(value);
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T fromBytes(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    /**
     * Committed schema versions, loaded from the classpath resource folder {@code schemas/history}
     * (each file is self-contained: nested records are inlined).
     */
    static final class SchemaHistory {
        private SchemaHistory() {}

        static java.util.List<Schema> versionsOf(String name) {
            java.util.List<Schema> out = new java.util.ArrayList<>();
            for (int v = 1; v < 1000; v++) {
                String path = "/schemas/history/" + name + "-v" + v + ".avsc";
                try (InputStream in = AvroSerde.class.getResourceAsStream(path)) {
                    if (in == null) {
                        break;
                    }
                    out.add(new Schema.Parser().parse(in));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        }
    }
}
