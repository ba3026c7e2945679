package io.nhidrift.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (a 10-byte header: {@code C3 01} and the writer schema's CRC-64-AVRO fingerprint,
 * little-endian; then the binary body) for state stores and internal topics. The decoder knows every committed
 * version of the schema (schemas/history, packaged as resources), so state written by an older release is still
 * readable after the schema evolves.
 *
 * <p>The bytes are exactly those of Avro's {@code BinaryMessageEncoder}; this class writes and reads them itself
 * because Avro's message coders go through a byte-at-a-time stream encoder and decoder, which cost 1.7× (encode)
 * and ~5× (decode) of a buffered encoder and an array-backed decoder on the same records (measured on the
 * pipeline's states and events, see docs/BENCHMARKS.md). One codec per thread: Kafka Streams shares serde
 * instances between stream threads and interactive queries. The first thread that uses an instance (in a stream task,
 * the thread that runs it: every record of the task) owns a codec held in a field, found without a thread-local
 * lookup; any other thread gets its own codec from a {@link ThreadLocal}.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;
    static final int HEADER_LENGTH = 10;

    private final Schema schema;
    private final SpecificData model;
    private final long fingerprint;
    private final Map<Long, Schema> writerSchemas = new HashMap<>();
    private final ThreadLocal<Codec<T>> codecs;
    /** The thread that owns {@link #ownerCodec}; set once, by the first thread that encodes or decodes. */
    private volatile Thread owner;
    private Codec<T> ownerCodec;

    public AvroSerde(Class<T> type, Schema schema) {
        this(type, schema, SchemaHistory.versionsOf(schema.getName()));
    }

    /** A serde that also reads bytes written with any of {@code history} (older versions of {@code schema}). */
    AvroSerde(Class<T> type, Schema schema, java.util.List<Schema> history) {
        this.schema = schema;
        this.model = SpecificData.getForClass(type);
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        writerSchemas.put(fingerprint, schema);
        for (Schema old : history) {
            writerSchemas.putIfAbsent(SchemaNormalization.parsingFingerprint64(old), old);
        }
        this.codecs = ThreadLocal.withInitial(() -> new Codec<>(this));
    }

    public byte[] toBytes(T value) {
        try {
            return codec().encode(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T fromBytes(byte[] bytes) {
        try {
            return codec().decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + e.getMessage(), e);
        }
    }

    /** The calling thread's codec: the owner's from a field, any other thread's from {@link #codecs}. */
    private Codec<T> codec() {
        Thread current = Thread.currentThread();
        if (owner == current) {
            return ownerCodec; // written before owner, by this same thread
        }
        if (owner == null) {
            synchronized (this) {
                if (owner == null) {
                    ownerCodec = new Codec<>(this);
                    owner = current;
                    return ownerCodec;
                }
            }
        }
        return codecs.get();
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    /** A growable output buffer whose array is read without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        byte[] toBytes(byte[] header) {
            byte[] out = new byte[header.length + count];
            System.arraycopy(header, 0, out, 0, header.length);
            System.arraycopy(buf, 0, out, header.length, count);
            return out;
        }
    }

    /** One thread's encoder, decoder and readers (Avro's coders and resolvers are not shared across threads). */
    private static final class Codec<T extends SpecificRecord> {
        private final AvroSerde<T> serde;
        private final byte[] header;
        private final SpecificDatumWriter<T> writer;
        private final Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();
        private final Buffer buffer = new Buffer();
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;

        Codec(AvroSerde<T> serde) {
            this.serde = serde;
            this.writer = new SpecificDatumWriter<>(serde.schema, serde.model);
            this.header = new byte[HEADER_LENGTH];
            header[0] = MARKER_0;
            header[1] = MARKER_1;
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (serde.fingerprint >>> (8 * i));
            }
        }

        byte[] encode(T value) throws IOException {
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            writer.write(value, encoder);
            encoder.flush();
            return buffer.toBytes(header);
        }

        T decode(byte[] bytes) throws IOException {
            if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
                throw new IOException("not Avro single-object encoding (no C3 01 header)");
            }
            long fp = 0;
            for (int i = 0; i < 8; i++) {
                fp |= (bytes[2 + i] & 0xFFL) << (8 * i);
            }
            SpecificDatumReader<T> reader = readers.get(fp);
            if (reader == null) {
                Schema writerSchema = serde.writerSchemas.get(fp);
                if (writerSchema == null) {
                    throw new IOException("unknown writer schema fingerprint " + Long.toHexString(fp)
                            + " for " + serde.schema.getFullName());
                }
                reader = new SpecificDatumReader<>(writerSchema, serde.schema, serde.model);
                readers.put(fp, reader);
            }
            decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, decoder);
            return reader.read(null, decoder);
        }
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
