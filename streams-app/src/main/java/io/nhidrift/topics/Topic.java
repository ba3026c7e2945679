package io.nhidrift.topics;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import java.util.Properties;

/**
 * A topic bound to its key and value serdes: the one place where a topic's name meets the types written to
 * it. The topology, {@code replay}, the demo, the tests and the benchmarks all take topics from
 * {@link AppTopics} instead of pairing names and serializers themselves.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Serializer<K> keySerializer() {
        return keySerde.serializer();
    }

    public Serializer<V> valueSerializer() {
        return valueSerde.serializer();
    }

    public Deserializer<K> keyDeserializer() {
        return keySerde.deserializer();
    }

    public Deserializer<V> valueDeserializer() {
        return valueSerde.deserializer();
    }

    /** The same topic read as raw value bytes (dead letters, JSON alerts, anything a reader only copies). */
    public Topic<K, byte[]> valuesAsBytes() {
        return new Topic<>(name, keySerde, Serdes.ByteArray());
    }

    /** The same topic with raw key and value bytes. */
    public Topic<byte[], byte[]> asBytes() {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray());
    }

    /** A {@code TopologyTestDriver} input of this topic. */
    public TestInputTopic<K, V> input(TopologyTestDriver driver) {
        return driver.createInputTopic(name, keySerializer(), valueSerializer());
    }

    /** A {@code TopologyTestDriver} output of this topic. */
    public TestOutputTopic<K, V> output(TopologyTestDriver driver) {
        return driver.createOutputTopic(name, keyDeserializer(), valueDeserializer());
    }

    /** A producer writing this topic's types. */
    public KafkaProducer<K, V> producer(Properties props) {
        return new KafkaProducer<>(props, keySerializer(), valueSerializer());
    }

    /** A consumer reading this topic's types (subscribe it yourself). */
    public KafkaConsumer<K, V> consumer(Properties props) {
        return new KafkaConsumer<>(props, keyDeserializer(), valueDeserializer());
    }
}
