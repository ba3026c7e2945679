package io.nhidrift.replay;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Items split by credential id into {@code shards} {@link ExternalSorter}s (as Kafka partitions split them by key),
 * so that detection can run one shard per thread: a credential's items all land in one shard, in order. The
 * shards can also be read as one sequence ({@link #merged()}), in the codec's order.
 */
final class ShardedSorter<T> implements Closeable {

    private final SpillCodec<T> codec;
    private final List<ExternalSorter<T>> shards = new ArrayList<>();

    ShardedSorter(SpillCodec<T> codec, java.nio.file.Path dir, String name, int shards, long budgetBytes) {
        this.codec = codec;
        for (int i = 0; i < shards; i++) {
            this.shards.add(new ExternalSorter<>(codec, dir, name + "-s" + i, Math.max(1, budgetBytes / shards)));
        }
    }

    int shards() {
        return shards.size();
    }

    /** The shard of a credential id (a missing id: the first). */
    static int shardOf(String credentialId, int shards) {
        return credentialId == null ? 0 : Math.floorMod(credentialId.hashCode(), shards);
    }

    ExternalSorter<T> shardOf(String credentialId) {
        return shards.get(shardOf(credentialId, shards.size()));
    }

    ExternalSorter<T> shard(int i) {
        return shards.get(i);
    }

    long count() {
        return shards.stream().mapToLong(ExternalSorter::count).sum();
    }

    /** Every shard's items as one sequence in order; close it when done. */
    ExternalSorter.Merge<T> merged() throws IOException {
        return merged(codec);
    }

    /** As {@link #merged()}, read with {@code reader} (the same order and layout, e.g. skipping what is not needed). */
    ExternalSorter.Merge<T> merged(SpillCodec<T> reader) throws IOException {
        List<java.nio.file.Path> runs = new ArrayList<>();
        for (ExternalSorter<T> s : shards) {
            runs.addAll(s.finishedRuns());
        }
        return new ExternalSorter.Merge<>(reader, runs);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (ExternalSorter<T> s : shards) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
