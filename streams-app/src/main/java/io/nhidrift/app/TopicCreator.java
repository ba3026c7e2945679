package io.nhidrift.app;

import io.nhidrift.config.AppConfig;
import io.nhidrift.config.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates nhi-drift's topics when absent (inventory compacted) and checks that the two inputs of
 * the detect task, events and inventory, have the same partition count (they are co-partitioned).
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {}

    /**
     * Describes topics, retrying for up to 30 s while the broker does not know them yet: right after they were
     * created, a broker can answer {@code UNKNOWN_TOPIC_OR_PARTITION} until the new metadata reaches it.
     */
    static Map<String, TopicDescription> describeOnceKnown(Admin admin, List<String> names)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return new HashMap<>(admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    public static void ensureTopics(Admin admin, AppConfig config) {
        Topics t = config.topics();
        Optional<Integer> partitions = Optional.of(config.topicPartitions());
        Optional<Short> rf = config.topicReplication() > 0 ? Optional.of(config.topicReplication()) : Optional.empty();
        List<NewTopic> wanted = new ArrayList<>();
        for (String raw : t.rawByFormat().values()) {
            wanted.add(new NewTopic(raw, partitions, rf));
        }
        wanted.add(new NewTopic(t.events(), partitions, rf));
        wanted.add(new NewTopic(t.inventory(), partitions, rf).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT)));
        wanted.add(new NewTopic(t.alerts(), partitions, rf));
        wanted.add(new NewTopic(t.alertsJson(), partitions, rf));
        wanted.add(new NewTopic(t.deadLetters(), partitions, rf));
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(n -> !existing.contains(n.name())).toList();
            if (!missing.isEmpty()) {
                var result = admin.createTopics(missing);
                for (NewTopic n : missing) {
                    try {
                        result.values().get(n.name()).get(30, TimeUnit.SECONDS);
                        LOG.info("Created topic {}", n.name());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            Map<String, TopicDescription> d = describeOnceKnown(admin, List.of(t.events(), t.inventory()));
            int pe = d.get(t.events()).partitions().size();
            int pi = d.get(t.inventory()).partitions().size();
            if (pe != pi) {
                throw new IllegalStateException("topics '" + t.events() + "' (" + pe + " partitions) and '" + t.inventory()
                        + "' (" + pi + " partitions) must have the same partition count: both are keyed by credentialId"
                        + " and read by the same task");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create or describe topics: " + e.getMessage(), e);
        }
    }
}
