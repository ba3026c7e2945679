package io.nhidrift.it;

import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Records and producers shared by the integration tests. */
final class ItRecords {

    private ItRecords() {
    }

    /** One CloudTrail record of an IAM user's access key. */
    static String cloudTrail(String eventId, String accessKeyId, String eventSource, String eventName, String time) {
        return """
                {"eventVersion":"1.09","eventID":"%s","eventTime":"%s","eventSource":"%s","eventName":"%s",\
                "awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.20","userAgent":"aws-cli/2.15.0 Python/3.11",\
                "userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/exporter",\
                "accountId":"123456789012","accessKeyId":"%s","userName":"exporter"},\
                "recipientAccountId":"123456789012","eventType":"AwsApiCall","readOnly":true}"""
                .formatted(eventId, time, eventSource, eventName, accessKeyId);
    }

    /** Stops the service (if started), then the broker (if started), whatever the first one throws. */
    static void stop(io.nhidrift.app.NhiDriftService service, io.nhidrift.embedded.EmbeddedKafka kafka) {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /** A transactional producer (the tests write their input in transactions, as a shipper with EOS would). */
    static KafkaProducer<byte[], byte[]> transactionalProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-producer-" + UUID.randomUUID());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }
}
