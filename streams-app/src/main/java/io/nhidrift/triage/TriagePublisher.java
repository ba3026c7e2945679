package io.nhidrift.triage;

import io.nhidrift.config.AppConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes triage decisions to {@code topic.triage}: key {@link TriageDecision#topicKey()}, partition the
 * credential's ({@link TriagePartitioner}), idempotent, acknowledged by all in-sync replicas before it returns. Used by
 * {@code POST /api/v1/alerts/{id}/triage} and the {@code triage} command.
 */
public final class TriagePublisher implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public TriagePublisher(AppConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis() * 3));
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = config.topics().triage();
    }

    /**
     * @return where the decision was written
     * @throws TriagePublishException when the topic is unknown or the cluster does not acknowledge in time
     */
    public RecordMetadata publish(TriageDecision d) {
        try {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            int partition = TriagePartitioner.partition(d.credentialId(), partitions.size());
            return producer.send(new ProducerRecord<>(topic, partition, d.topicKey(), d.toBytes()))
                    .get(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriagePublishException("interrupted while publishing to '" + topic + "'", e);
        } catch (ExecutionException e) {
            throw new TriagePublishException("cannot publish to '" + topic + "': " + e.getCause(), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new TriagePublishException("cannot publish to '" + topic + "': " + e, e);
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }

    /** The decision was not written. */
    public static final class TriagePublishException extends RuntimeException {
        TriagePublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
