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
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates nhi-drift's topics when absent, with the settings of {@link TopicSettings} (alerts, events and dead
 * letters keep {@code LogAppendTime} record timestamps and a long retention; the inventory is compacted), warns
 * when existing topics would delete alerts early, and checks that the two inputs of the detect task, events and
 * inventory, have the same partition count (they are co-partitioned). Every call shares one deadline
 * ({@code startup.timeout}).
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {}

    public static void ensureTopics(Admin admin, AppConfig config) {
        ensureTopics(admin, config, System.nanoTime() + config.startupTimeout().toNanos());
    }

    static void ensureTopics(Admin admin, AppConfig config, long deadlineNanos) {
        Topics t = config.topics();
        TopicSettings settings = new TopicSettings(config);
        Optional<Integer> partitions = Optional.of(config.topicPartitions());
        Optional<Short> rf = config.topicReplication() > 0 ? Optional.of(config.topicReplication()) : Optional.empty();
        List<NewTopic> wanted = new ArrayList<>();
        for (String raw : t.rawByFormat().values()) {
            wanted.add(new NewTopic(raw, partitions, rf));
        }
        for (Map.Entry<String, Map<String, String>> e : settings.managed().entrySet()) {
            wanted.add(new NewTopic(e.getKey(), partitions, rf).configs(e.getValue()));
        }
        try {
            Set<String> existing = admin.listTopics().names().get(left(deadlineNanos), TimeUnit.NANOSECONDS);
            List<NewTopic> missing = wanted.stream().filter(n -> !existing.contains(n.name())).toList();
            if (!missing.isEmpty()) {
                var result = admin.createTopics(missing);
                for (NewTopic n : missing) {
                    try {
                        result.values().get(n.name()).get(left(deadlineNanos), TimeUnit.NANOSECONDS);
                        LOG.info("Created topic {} {}", n.name(), n.configs() == null ? "" : n.configs());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            List<String> present = wanted.stream().map(NewTopic::name).filter(existing::contains).toList();
            for (String warning : settings.warnings(admin, present, deadlineNanos)) {
                LOG.warn(warning);
            }
            Map<String, TopicDescription> d = describeOnceKnown(admin, List.of(t.events(), t.inventory(), t.triage()),
                    deadlineNanos);
            int pe = d.get(t.events()).partitions().size();
            for (String coPartitioned : List.of(t.inventory(), t.triage())) {
                int pi = d.get(coPartitioned).partitions().size();
                if (pe != pi) {
                    throw new StartupException("topics '" + t.events() + "' (" + pe + " partitions) and '" + coPartitioned
                            + "' (" + pi + " partitions) must have the same partition count: both are partitioned by"
                            + " credentialId and read by the same task", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new StartupException("cannot create or describe the topics of nhi-drift on " + config.bootstrapServers()
                    + " within startup.timeout (" + config.get(io.nhidrift.config.ConfigKey.STARTUP_TIMEOUT) + "): "
                    + describe(cause), cause);
        }
    }

    /** Nanoseconds left until the deadline (at least 1, so that an expired deadline times out at once). */
    static long left(long deadlineNanos) {
        return Math.max(1, deadlineNanos - System.nanoTime());
    }

    /** An exception as a user reads it: its type and message (Kafka's timeouts have no message of their own). */
    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /**
     * Describes topics, retrying until the deadline while the broker does not know them yet: right after they were
     * created, a broker can answer {@code UNKNOWN_TOPIC_OR_PARTITION} until the new metadata reaches it.
     */
    static Map<String, TopicDescription> describeOnceKnown(Admin admin, List<String> names, long deadlineNanos)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            try {
                return new HashMap<>(admin.describeTopics(names).allTopicNames().get(left(deadlineNanos), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadlineNanos) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
