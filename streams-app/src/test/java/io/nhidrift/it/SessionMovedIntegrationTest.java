package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SESSION_CREDENTIAL_MOVED live, on a real broker: a stolen AWS role session and a stolen Kubernetes pod token each
 * fire once; the same role's legitimate session (its own VPC endpoint, then the NAT) does not. The legitimate calls
 * go first on the same credential (so the same partition): when the stolen session's alert is read, they have been
 * processed.
 */
@IntegrationTest
class SessionMovedIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/web-instance-role";
    private static final String SA = "system:serviceaccount:prod:api";

    @TempDir
    Path stateDir;

    private EmbeddedKafka kafka;
    private NhiDriftService service;

    @AfterEach
    void stop() {
        ItRecords.stop(service, kafka);
    }

    private static String assumedRole(String id, String session, String time, String ip, String agent, String extra) {
        return """
                {"eventVersion":"1.09","eventID":"%s","eventTime":"%s","eventSource":"s3.amazonaws.com","eventName":"GetObject",\
                "awsRegion":"eu-west-1","sourceIPAddress":"%s","userAgent":"%s",%s\
                "userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:i-0abc","arn":"arn:aws:sts::123456789012:assumed-role/web-instance-role/i-0abc",\
                "accountId":"123456789012","accessKeyId":"%s","sessionContext":{"sessionIssuer":{"type":"Role",\
                "principalId":"AROAEXAMPLE","arn":"%s","accountId":"123456789012","userName":"web-instance-role"}}},\
                "recipientAccountId":"123456789012","eventType":"AwsApiCall","readOnly":true}"""
                .formatted(id, time, ip, agent, extra, session, ROLE);
    }

    private static String podToken(String id, String token, String time, String ip) {
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"%s","stage":"ResponseComplete",\
                "requestURI":"/api/v1/namespaces/prod/secrets/db","verb":"get","user":{"username":"%s","extra":{\
                "authentication.kubernetes.io/credential-id":["%s"],"authentication.kubernetes.io/pod-name":["api-7d9f"]}},\
                "sourceIPs":["%s"],"userAgent":"kube-client/1.29","objectRef":{"resource":"secrets","namespace":"prod","name":"db"},\
                "responseStatus":{"code":200},"requestReceivedTimestamp":"%s"}"""
                .formatted(id, SA, token, ip, time);
    }

    @Test
    void stolenSessionsFireOnceAndTheLegitimatePatternDoesNot() throws Exception {
        kafka = EmbeddedKafka.start();
        AppConfig config = AppConfig.from(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "nhi-drift-it-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", stateDir.toString(),
                "http.port", "0",
                "http.host", "127.0.0.1",
                "inputs", "cloudtrail,k8s-audit",
                "topics.partitions", "2",
                "topics.replication.factor", "1"));
        service = NhiDriftService.start(config);
        String endpoint = "\"vpcEndpointId\":\"vpce-0abc\",\"vpcEndpointAccountId\":\"123456789012\",";
        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(kafka.bootstrapServers());
                TopicReader alerts = new TopicReader(kafka.bootstrapServers(), "nhi.alerts.json")) {
            producer.beginTransaction();
            for (String record : List.of(
                    // a legitimate session: private subnet, the account's own VPC endpoint, the NAT's private side
                    assumedRole("a1", "ASIAEXAMPLELEGIT0001", "2026-07-02T10:00:00Z", "10.0.1.17", "aws-sdk-java/2.20", ""),
                    assumedRole("a2", "ASIAEXAMPLELEGIT0001", "2026-07-02T10:01:00Z", "52.95.110.1", "aws-sdk-java/2.20", endpoint),
                    assumedRole("a3", "ASIAEXAMPLELEGIT0001", "2026-07-02T10:02:00Z", "172.31.40.2", "aws-sdk-java/2.20", ""),
                    // a stolen session: first used on the instance, then from outside
                    assumedRole("a4", "ASIAEXAMPLESTOLEN001", "2026-07-02T11:00:00Z", "10.0.1.17", "aws-sdk-java/2.20", ""),
                    assumedRole("a5", "ASIAEXAMPLESTOLEN001", "2026-07-02T11:05:00Z", "198.51.100.20", "python-requests/2.31", ""),
                    assumedRole("a6", "ASIAEXAMPLESTOLEN001", "2026-07-02T11:06:00Z", "203.0.113.9", "python-requests/2.31", ""))) {
                producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null, record.getBytes(UTF_8)));
            }
            for (String record : List.of(podToken("k1", "JTI=7f1c2a", "2026-07-02T10:00:00.000000Z", "10.244.1.7"),
                    podToken("k2", "JTI=7f1c2a", "2026-07-02T10:10:00.000000Z", "198.51.100.21"))) {
                producer.send(new ProducerRecord<>("nhi.raw.k8s-audit", null, record.getBytes(UTF_8)));
            }
            producer.commitTransaction();

            List<ConsumerRecord<byte[], byte[]>> read = alerts.awaitUntil(
                    rs -> moved(rs).size() >= 2, DEADLINE);
            assertEquals(List.of(ROLE + " session:ASIAEXAMPLESTOLEN001", SA + " session:JTI=7f1c2a"),
                    moved(read).stream().sorted().toList(), "alerts read: " + read.size());
        }
    }

    private static List<String> moved(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(a -> a.path("type").asText().equals("SESSION_CREDENTIAL_MOVED"))
                .map((JsonNode a) -> a.path("credentialId").asText() + " " + a.path("subject").asText()).toList();
    }
}
