package io.nhidrift.replay;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Items split by credential id into {@code shards} (as Kafka partitions split them by key), so that detection can
 * run one shard per thread: a credential's items all land in one shard. Each of {@code writers} threads adds
 * through its own {@link Writer} (an {@link ExternalSorter} per shard, used by that thread only); a shard is read
 * as the merge of every writer's sorter for it ({@link #mergedShard}), and everything as one sequence
 * ({@link #merged}), in the codec's order. Read once the writers are done.
 */
final class ShardedSorter<T> implements Closeable {

    /** One writing thread's sorters, one per shard. */
    static final class Writer<T> {
        private final List<ExternalSorter<T>> shards = new ArrayList<>();

        /** The sorter of the shard of a credential id (a missing id: the first shard). */
        ExternalSorter<T> shardOf(String credentialId) {
            return shards.get(ShardedSorter.shardOf(credentialId, shards.size()));
        }
    }

    private final SpillCodec<T> codec;
    private final int shards;
    private final List<Writer<T>> writers = new ArrayList<>();

    ShardedSorter(SpillCodec<T> codec, Path dir, String name, int shards, int writers, long budgetBytes) {
        this.codec = codec;
        this.shards = shards;
        long each = Math.max(1, budgetBytes / ((long) shards * writers));
        for (int w = 0; w < writers; w++) {
            Writer<T> writer = new Writer<>();
            for (int i = 0; i < shards; i++) {
                writer.shards.add(new ExternalSorter<>(codec, dir, name + "-w" + w + "-s" + i, each));
            }
            this.writers.add(writer);
        }
    }

    int shards() {
        return shards;
    }

    /** The shard of a credential id (a missing id: the first). */
    static int shardOf(String credentialId, int shards) {
        return credentialId == null ? 0 : Math.floorMod(credentialId.hashCode(), shards);
    }

    Writer<T> writer(int w) {
        return writers.get(w);
    }

    long count() {
        return writers.stream().flatMap(w -> w.shards.stream()).mapToLong(ExternalSorter::count).sum();
    }

    /** One shard's items from every writer, in order; close it when done. */
    ExternalSorter.Merge<T> mergedShard(int i) throws IOException {
        List<Path> runs = new ArrayList<>();
        for (Writer<T> w : writers) {
            runs.addAll(w.shards.get(i).finishedRuns());
        }
        return new ExternalSorter.Merge<>(codec, runs);
    }

    /** Every item as one sequence in order; close it when done. */
    ExternalSorter.Merge<T> merged() throws IOException {
        return merged(codec);
    }

    /** As {@link #merged()}, read with {@code reader} (the same order and layout, e.g. skipping what is not needed). */
    ExternalSorter.Merge<T> merged(SpillCodec<T> reader) throws IOException {
        List<Path> runs = new ArrayList<>();
        for (Writer<T> w : writers) {
            for (ExternalSorter<T> s : w.shards) {
                runs.addAll(s.finishedRuns());
            }
        }
        return new ExternalSorter.Merge<>(reader, runs);
    }

    /**
     * Deletes one shard's run files (every writer's) once nothing will read them again: a detection thread that is
     * done frees its shard's disk while the others still work, instead of all of it being unlinked at the end.
     */
    void closeShard(int i) throws IOException {
        for (Writer<T> w : writers) {
            w.shards.get(i).close();
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Writer<T> w : writers) {
            for (ExternalSorter<T> s : w.shards) {
                try {
                    s.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
