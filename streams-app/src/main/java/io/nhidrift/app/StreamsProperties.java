package io.nhidrift.app;

import io.nhidrift.config.AppConfig;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams settings derived from the typed configuration (then {@code kafka.*} pass-through wins). */
public final class StreamsProperties {
    private StreamsProperties() {}

    public static Properties of(AppConfig c) {
        return of(c, new HandlerDeadLetters.Counts());
    }

    /**
     * As {@link #of(AppConfig)}, the exception handlers counting their dead letters in {@code deadLetterCounts}.
     * Processing, deserialization and production errors of single records are dead-lettered to
     * {@code topic.dead-letters} and processing resumes (the DLQ handlers below); Kafka Streams' own
     * {@code errors.dead.letter.queue.topic.name} is not set, as its records would lack nhi-drift's headers.
     */
    public static Properties of(AppConfig c, HandlerDeadLetters.Counts deadLetterCounts) {
        Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        p.put(HandlerDeadLetters.TOPIC_KEY, c.topics().deadLetters());
        p.put(HandlerDeadLetters.COUNTS_KEY, deadLetterCounts);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, c.processingGuarantee());
        p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, c.commitInterval().toMillis());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, c.advertisedEndpoint().host() + ":" + c.advertisedEndpoint().port());
        if (c.topicReplication() > 0) {
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) c.topicReplication());
        }
        // a silent partition must not hold back the other input of the detect task for long
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        p.put("processing.exception.handler.global.enabled", true);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, c.storeCacheBytes());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        p.put(BoundedRocksDbConfig.TOTAL_KEY, Long.toString(c.rocksDbCacheBytes()));
        p.put(BoundedRocksDbConfig.MEMTABLE_KEY, Long.toString(c.rocksDbMemtableBytes()));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.putAll(c.kafkaPassThrough());
        return p;
    }
}
