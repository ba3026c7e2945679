package io.nhidrift.replay;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.adapter.RejectionReason;
import io.nhidrift.adapter.SkipReason;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.identity.IdentityClassifier;
import io.nhidrift.topology.EdgeRules;
import io.nhidrift.topology.RecordNormalizer;
import io.nhidrift.topology.TimeMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Stage 1 of the direct replay: reads the input files through the production adapters and edge rules
 * ({@link RecordNormalizer}, as the topology's normalize processors) and the inventory files, counting every record
 * in the {@link ReplayReport} as the topology path does, and hands the events and inventory versions to
 * {@link ExternalSorter}s. Events are kept in {@link EventCodec}'s binary form; inventory versions as their raw text, validated when
 * applied (stage 2), like the inventory topic.
 */
final class TimelineReader {

    private final AppConfig config;
    private final ReplayLimits limits;
    private final ReplayReport report;
    private final IdentityTally identities;
    private final ReplayProgress progress;
    private final EdgeRules edge;
    /** File names by id (origins are kept as ids on disk). */
    final List<String> files = new ArrayList<>();
    /** First asOf per inventoried credential (Long.MIN_VALUE: a record without asOf). */
    final Map<String, Long> firstAsOf = new HashMap<>();
    private final List<TimeSurvey.Tally> timeTallies = new ArrayList<>();
    final Set<String> inventoryIds = new HashSet<>();
    /** Earliest and latest asOf of the inventory records that have one. */
    long minAsOf = Long.MAX_VALUE;
    long maxAsOf = Long.MIN_VALUE;
    private long seq;
    private final java.util.concurrent.atomic.AtomicLong eventsRead = new java.util.concurrent.atomic.AtomicLong();
    private long bytesDone;
    private long bytesTotal;
    private long fileCount;
    private long filesDone;

    TimelineReader(AppConfig config, ReplayLimits limits, ReplayReport report, IdentityTally identities,
            ReplayProgress progress) {
        this.config = config;
        this.limits = limits;
        this.report = report;
        this.identities = identities;
        this.progress = progress;
        this.edge = new EdgeRules(config.inputLimits(), TimeMode.REPLAY);
    }

    String origin(TimelineEntry e) {
        return RawRecord.origin(files.get(e.file()), e.line(), e.index());
    }

    /**
     * Reads every input file on {@code threads} workers, a file each. A worker parses, normalizes and encodes its
     * file's records and adds the events to its own sorters ({@link ShardedSorter#writer}), numbered by file and
     * position in the file ({@link #seq}), so their order does not depend on which worker read what; it counts the
     * file and tallies identities on its own. Only what must come out in file order travels to this thread: the
     * report's lines about rejected records, and each file's counts at its end ({@link OrderedParallel}). So a big
     * file does not hold up the next, and counts and report lines are those of a single-threaded read.
     */
    void readEvents(List<ReplayRunner.Input> inputs, ShardedSorter<TimelineEntry> sorter, int threads) throws IOException {
        List<FileTask> tasks = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ReplayRunner.Input input = inputs.get(i);
            ReplayReport.InputCounts counts = report.input(input.toString());
            counts.format = input.format();
            for (Path f : RecordFileReader.files(input.path(), unreadable(input.format(), counts))) {
                bytesTotal += sizeOf(f);
                tasks.add(new FileTask(i, input.format(), f, files.size()));
                files.add(f.toString());
            }
        }
        fileCount = tasks.size();
        ReplayReport.InputCounts[] counts = new ReplayReport.InputCounts[inputs.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = report.input(inputs.get(i).toString());
        }
        Workers workers = new Workers(sorter, threads);
        new OrderedParallel<FileTask, FileItem>(threads, (task, emit) -> produce(task, workers.mine(), emit))
                .run(tasks, item -> consume(counts[item.task().input()], item), this::showProgress);
        for (Worker w : workers.all) {
            identities.addAll(w.identities);
            timeTallies.add(w.times);
        }
    }

    /** What the reading threads tallied of the event times, for {@link TimeSurvey#of}; after {@link #readEvents}. */
    List<TimeSurvey.Tally> timeTallies() {
        return List.copyOf(timeTallies);
    }

    /**
     * Learns each inventoried credential's first {@code asOf} ({@link #firstAsOf}) before the events are read, so
     * that the reading threads can count the events that come before it ({@link TimeSurvey.Tally}). Reads the
     * inventory as {@link #readInventory} will, but silently: that read reports and orders it, and finds the same
     * values; a file that cannot be read here is left to it.
     */
    void learnFirstAsOf(List<Path> inventories) {
        BiConsumer<String, String> silent = (origin, reason) -> { };
        for (Path p : inventories) {
            try {
                for (Path file : RecordFileReader.files(p, silent)) {
                    RecordFileReader.read(file, "inventory", limits, r -> {
                        String key = ReplayTimeline.inventoryKey(r.bytes());
                        if (key != null) {
                            firstAsOf.merge(key, ReplayTimeline.asOf(r.bytes()), Math::min);
                        }
                    }, silent);
                }
            } catch (IOException | RuntimeException e) {
                // readInventory meets the same failure and reports it
            }
        }
    }

    /** One input file, read on a worker with its own adapter and encoder. */
    private record FileTask(int input, String format, Path file, int fileId) {}

    /**
     * What must reach the report in file order: a rejected record ({@code reason} non-null: its line is printed), or
     * the end of a file with its counts.
     */
    private record FileItem(FileTask task, String origin, String reason, ReplayReport.InputCounts fileCounts) {}

    /** A reading thread's own sorters, identity tally and share of the time survey. */
    private static final class Worker {
        final ShardedSorter.Writer<TimelineEntry> sorter;
        final IdentityTally identities = new IdentityTally();
        final TimeSurvey.Tally times;

        Worker(ShardedSorter.Writer<TimelineEntry> sorter, TimeSurvey.Tally times) {
            this.sorter = sorter;
            this.times = times;
        }
    }

    /** The workers, one per reading thread, handed out on each thread's first task. */
    private final class Workers {
        final List<Worker> all = new ArrayList<>();
        private final ThreadLocal<Worker> mine = new ThreadLocal<>();
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        Workers(ShardedSorter<TimelineEntry> sorter, int threads) {
            for (int i = 0; i < threads; i++) {
                all.add(new Worker(sorter.writer(i), new TimeSurvey.Tally(limits.timeGap().toMillis(), firstAsOf)));
            }
        }

        Worker mine() {
            Worker w = mine.get();
            if (w == null) {
                w = all.get(next.getAndIncrement());
                mine.set(w);
            }
            return w;
        }
    }

    /** Worker side: one file, every record accounted for as the topology path does (events, not attributable, rejected). */
    private void produce(FileTask task, Worker worker, java.util.function.Consumer<FileItem> emit) {
        RecordNormalizer normalizer = new RecordNormalizer(Adapters.create(task.format(), config.gatewayMapping()), edge);
        EventCodec codec = new EventCodec();
        ReplayReport.InputCounts counts = new ReplayReport.InputCounts();
        long[] position = {0};
        RecordFileReader.read(task.file(), task.format(), limits, r -> {
            RecordNormalizer.Outcome outcome = normalizer.normalize(r.bytes(), System.currentTimeMillis());
            counts.rawRecords++;
            long rejected = 0;
            List<UsageEvent> events = outcome.events();
            List<byte[]> encoded = new ArrayList<>(events.size());
            try {
                for (UsageEvent e : events) {
                    encoded.add(codec.encode(e));
                }
            } catch (RuntimeException ex) {
                encoded.clear();
                rejected++;
                emit.accept(new FileItem(task, r.origin(), "cannot be normalized: " + rootMessage(ex), null));
            }
            for (int k = 0; k < encoded.size(); k++) {
                UsageEvent e = events.get(k);
                String credentialId = e.getCredentialId();
                worker.identities.add(IdentityClassifier.classify(e), credentialId);
                worker.times.add(e.getEventTime(), credentialId);
                add(worker.sorter.shardOf(credentialId), new TimelineEntry(e.getEventTime(), TimelineEntry.EVENT,
                        e.getSource() + "\u0000" + e.getEventId(), seq(task.fileId(), position[0]++), task.input(),
                        task.fileId(), r.line(), r.index(), credentialId, encoded.get(k)));
            }
            if (outcome.rejection() != null) {
                rejected++;
                String reason = RejectionReason.of(outcome.rejection());
                counts.rejectedBecause(reason);
                emit.accept(new FileItem(task, r.origin(), reason, null));
            }
            long notAttributable = outcome.skipped().size();
            for (SkipReason reason : outcome.skipped()) {
                counts.skippedByReason.merge(reason, 1L, Long::sum);
                if (outcome.looksLike() != null) {
                    counts.looksLike.merge(outcome.looksLike(), 1L, Long::sum);
                }
            }
            if (encoded.size() + notAttributable + rejected == 0) {
                notAttributable = 1;
                counts.skippedByReason.merge(SkipReason.OTHER, 1L, Long::sum);
            }
            counts.events += encoded.size();
            counts.skipped += notAttributable;
            counts.rejected += rejected;
            eventsRead.addAndGet(encoded.size());
        }, (origin, reason) -> {
            counts.rawRecords++;
            counts.rejected++;
            emit.accept(new FileItem(task, origin, reason, null));
        });
        emit.accept(new FileItem(task, null, null, counts));
    }

    /** The order of the events read: by file, then position in the file (as one thread reading them all numbers them). */
    static long seq(int fileId, long position) {
        return ((long) fileId << 36) | position;
    }

    /** Reader side, in file order: the report's lines, then each file's counts and progress. */
    private void consume(ReplayReport.InputCounts counts, FileItem item) {
        FileTask task = item.task();
        if (item.fileCounts() != null) {
            counts.addAll(item.fileCounts());
            bytesDone += sizeOf(task.file());
            filesDone++;
            showProgress();
        } else {
            report.rejected(item.origin(), task.format(), item.reason());
        }
    }

    private void showProgress() {
        progress.update("reading", eventsRead.get(), bytesTotal > 0 ? (double) bytesDone / bytesTotal : -1,
                String.format(java.util.Locale.ROOT, "%,d of %,d files done", filesDone, fileCount));
    }

    private BiConsumer<String, String> unreadable(String format, ReplayReport.InputCounts counts) {
        return (origin, reason) -> {
            counts.rawRecords++;
            counts.rejected++;
            report.rejected(origin, format, reason);
        };
    }

    /** Inventory records: versions with asOf to {@code dated}, without to {@code undated} (dated at the start). */
    void readInventory(List<Path> inventories, ShardedSorter<TimelineEntry> dated, ShardedSorter<TimelineEntry> undated)
            throws IOException {
        for (Path p : inventories) {
            for (Path file : RecordFileReader.files(p, report::inventoryRejected)) {
                int fileId = files.size();
                files.add(file.toString());
                RecordFileReader.read(file, "inventory", limits, r -> {
                    report.inventoryRecord();
                    String key = ReplayTimeline.inventoryKey(r.bytes());
                    long asOf = ReplayTimeline.asOf(r.bytes());
                    if (key != null) {
                        inventoryIds.add(key);
                        firstAsOf.merge(key, asOf, Math::min);
                    }
                    if (asOf != Long.MIN_VALUE) {
                        minAsOf = Math.min(minAsOf, asOf);
                        maxAsOf = Math.max(maxAsOf, asOf);
                    }
                    TimelineEntry e = new TimelineEntry(asOf, TimelineEntry.INVENTORY, key == null ? "" : key, seq++, -1,
                            fileId, r.line(), r.index(), key, r.bytes());
                    ShardedSorter<TimelineEntry> to = asOf == Long.MIN_VALUE ? undated : dated;
                    add(to.writer(0).shardOf(key), e);
                }, report::inventoryRejected);
            }
        }
    }

    private static void add(ExternalSorter<TimelineEntry> sorter, TimelineEntry e) {
        try {
            sorter.add(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + io.nhidrift.json.Json.firstLine(t.getMessage());
    }
}
