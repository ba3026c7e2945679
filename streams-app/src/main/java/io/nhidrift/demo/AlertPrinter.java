package io.nhidrift.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topics.AppTopics;
import io.nhidrift.topics.Topic;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The demo's alert printer: a daemon thread that reads the JSON alert topic (read_committed, from the earliest
 * offset, with a throw-away consumer group) and prints each alert as one line (see {@link #format(JsonNode)}).
 */
public final class AlertPrinter implements Runnable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final PrintStream out;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong printed = new AtomicLong();

    /** Creates the consumer; nothing is read before {@link #start()}. */
    public AlertPrinter(AppConfig config, PrintStream out) {
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "nhi-drift-demo-printer-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Topic<String, byte[]> alerts = AppTopics.of(config, AppSerdes.create(null)).alertsJson().valuesAsBytes();
        this.consumer = alerts.consumer(p);
        this.topic = alerts.name();
        this.out = out;
        this.thread = new Thread(this, "nhi-drift-demo-alerts");
        this.thread.setDaemon(true);
    }

    /** Starts the printer thread. */
    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        out.println(format(MAPPER.readTree(r.value())));
                    } catch (IOException e) {
                        out.println("(unreadable alert: " + e.getMessage() + ")");
                    }
                    printed.incrementAndGet();
                }
                out.flush();
            }
        } catch (WakeupException | InterruptException e) {
            // stopping
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Stops the printer thread and waits (at most 10 s) for it to close its consumer. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Formats one JSON alert as a single readable line. */
    public static String format(JsonNode a) {
        JsonNode subject = a.get("subject");
        String s;
        if (subject == null || subject.isNull()) {
            s = "-";
        } else if (subject.isArray()) {
            List<String> parts = new ArrayList<>();
            subject.forEach(x -> parts.add(x.asText()));
            s = String.join(",", parts);
        } else {
            s = subject.asText();
        }
        return String.format("%-22s %-8s %-20s %-26s %-20s %s", text(a, "type"), text(a, "severity"),
                text(a, "credentialId"), s, text(a, "eventTime"), text(a, "summary"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }
}
