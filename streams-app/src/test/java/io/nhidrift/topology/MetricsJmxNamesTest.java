package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.TopologyTest;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.junit.jupiter.api.Test;

/**
 * Every metric of nhi-drift's own group reaches JMX as Kafka Streams' reporter names it: a tag whose key JMX already
 * uses (the alerts' type was tagged {@code type}, which collides with the MBean's {@code type=} group) makes a
 * malformed ObjectName, and the reporter then logged an error for each new sensor and left the metric out.
 */
@TopologyTest
class MetricsJmxNamesTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";

    @Test
    void everyNhiDriftMetricIsRegisteredWithJmx() throws Exception {
        try (DriftHarness h = new DriftHarness()) {
            h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
            h.use(KEY, "iam:CreateUser", "2026-07-02T01:00:00Z");
            h.use("AKIAUNKNOWNKEY000009", "s3:GetObject", "2026-07-02T02:00:00Z");
            h.wallClock("2026-07-03T00:00:00Z");
            assertFalse(h.types().isEmpty());

            Map<MetricName, ? extends Metric> metrics = h.driver().metrics();
            List<KafkaMetric> ours = metrics.values().stream().filter(m -> m.metricName().group().equals(
                    "stream-" + NormalizeMetrics.GROUP + "-metrics")).map(m -> (KafkaMetric) m).toList();
            assertTrue(ours.stream().anyMatch(m -> m.metricName().name().startsWith("alerts-emitted-")), ours.toString());

            JmxReporter reporter = new JmxReporter();
            reporter.configure(Map.of());
            reporter.contextChange(new KafkaMetricsContext("nhi-drift-jmx-test"));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            try {
                for (KafkaMetric m : ours) {
                    assertDoesNotThrow(() -> reporter.metricChange(m), m.metricName().toString());
                }
                long alertMetrics = ours.stream().filter(m -> m.metricName().name().startsWith("alerts-emitted-")).count();
                long registered = server.queryNames(new ObjectName("nhi-drift-jmx-test:*"), null).stream()
                        .filter(n -> n.getKeyProperty("alert-type") != null)
                        .mapToLong(n -> attributes(server, n)).sum();
                assertEquals(alertMetrics, registered);
            } finally {
                reporter.close();
            }
        }
    }

    private static long attributes(MBeanServer server, ObjectName name) {
        try {
            return server.getMBeanInfo(name).getAttributes().length;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
