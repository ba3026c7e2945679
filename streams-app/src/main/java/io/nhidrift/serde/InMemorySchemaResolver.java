package io.nhidrift.serde;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.SchemaParser;
import io.apicurio.registry.resolver.SchemaResolver;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import io.apicurio.registry.rest.client.RegistryClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A schema resolver without a registry: schemas get ids in this JVM only (shared by serializer and
 * deserializer). Used by {@code demo}, {@code replay} and tests, when no {@code registry.url} is set.
 * Bytes it writes are Confluent wire format, but their ids mean nothing to another process.
 */
public final class InMemorySchemaResolver<S, D> implements SchemaResolver<S, D> {

    private static final Map<ByteBuffer, Long> IDS = new ConcurrentHashMap<>();
    private static final Map<Long, byte[]> RAW_BY_ID = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final Map<Long, ParsedSchema<S>> parsedById = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, SchemaLookupResult<S>> resultByRaw = new ConcurrentHashMap<>();
    private SchemaParser<S, D> parser;

    @Override
    public void configure(Map<String, ?> configs, SchemaParser<S, D> schemaParser) {
        this.parser = schemaParser;
    }

    @Override
    public void setClient(RegistryClient client) {
        // no registry
    }

    @Override
    public void setArtifactResolverStrategy(ArtifactReferenceResolverStrategy<S, D> strategy) {
        // ids do not depend on topic or record name here
    }

    @Override
    public SchemaParser<S, D> getSchemaParser() {
        return parser;
    }

    @Override
    public SchemaLookupResult<S> resolveSchema(Record<D> data) {
        ParsedSchema<S> schema = parser.getSchemaFromData(data);
        ByteBuffer key = ByteBuffer.wrap(schema.getRawSchema());
        return resultByRaw.computeIfAbsent(key, k -> {
            long id = IDS.computeIfAbsent(k, x -> NEXT_ID.getAndIncrement());
            RAW_BY_ID.putIfAbsent(id, schema.getRawSchema());
            parsedById.putIfAbsent(id, schema);
            return result(id, schema);
        });
    }

    @Override
    public SchemaLookupResult<S> resolveSchemaByArtifactReference(ArtifactReference reference) {
        Long id = reference.getContentId() != null ? reference.getContentId() : reference.getGlobalId();
        if (id == null) {
            throw new IllegalStateException("no schema id in " + reference);
        }
        ParsedSchema<S> schema = parsedById.computeIfAbsent(id, i -> {
            byte[] raw = RAW_BY_ID.get(i);
            if (raw == null) {
                throw new IllegalStateException("unknown schema id " + i + " (in-memory schema ids are per process; set registry.url)");
            }
            return new io.apicurio.registry.resolver.ParsedSchemaImpl<S>()
                    .setParsedSchema(parser.parseSchema(raw, Map.of()))
                    .setRawSchema(raw);
        });
        return result(id, schema);
    }

    @Override
    public void reset() {
        resultByRaw.clear();
    }

    @Override
    public void close() {
        // nothing held outside memory
    }

    private SchemaLookupResult<S> result(long id, ParsedSchema<S> schema) {
        return SchemaLookupResult.<S>builder()
                .parsedSchema(schema)
                .globalId(id)
                .contentId(id)
                .contentHash(new String(schema.getRawSchema(), StandardCharsets.UTF_8).hashCode() + "")
                .groupId("default")
                .artifactId("nhi-drift-" + id)
                .version("1")
                .build();
    }
}
