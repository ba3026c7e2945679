package io.nhidrift.replay;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.adapter.RejectionReason;
import io.nhidrift.adapter.SkipReason;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.identity.IdentityClass;
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
    final Set<String> inventoryIds = new HashSet<>();
    /** Earliest and latest asOf of the inventory records that have one. */
    long minAsOf = Long.MAX_VALUE;
    long maxAsOf = Long.MIN_VALUE;
    private long seq;
    private long events;
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
     * Reads every input file: records are parsed, normalized and encoded by {@code threads} workers, a file each,
     * and accounted for here in file order ({@link OrderedParallel}), so sequence numbers, counts and report lines
     * are the same as a single-threaded read.
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
        new OrderedParallel<FileTask, FileItem>(threads, this::produce).run(tasks, item -> consume(counts[item.task().input()], item, sorter));
    }

    /** One input file, read on a worker with its own adapter and encoder. */
    private record FileTask(int input, String format, Path file, int fileId) {}

    /** What a worker made of one raw record, or of a span it could not read; {@code last} ends its file. */
    private record FileItem(FileTask task, int line, int index, RecordNormalizer.Outcome outcome, List<byte[]> encoded,
            IdentityClass[] classes, String encodeError, String unreadableOrigin, String unreadableReason, boolean last) {}

    /** Worker side: parse, normalize and encode (the costly part), nothing that touches shared state. */
    private void produce(FileTask task, java.util.function.Consumer<FileItem> emit) {
        RecordNormalizer normalizer = new RecordNormalizer(Adapters.create(task.format(), config.gatewayMapping()), edge);
        EventCodec codec = new EventCodec();
        RecordFileReader.read(task.file(), task.format(), limits, r -> {
            RecordNormalizer.Outcome outcome = normalizer.normalize(r.bytes(), System.currentTimeMillis());
            List<byte[]> encoded = new ArrayList<>(outcome.events().size());
            IdentityClass[] classes = new IdentityClass[outcome.events().size()];
            String encodeError = null;
            try {
                for (UsageEvent e : outcome.events()) {
                    classes[encoded.size()] = IdentityClassifier.classify(e);
                    encoded.add(codec.encode(e));
                }
            } catch (RuntimeException ex) {
                encoded.clear();
                encodeError = "cannot be normalized: " + rootMessage(ex);
            }
            emit.accept(new FileItem(task, r.line(), r.index(), outcome, encoded, classes, encodeError, null, null, false));
        }, (origin, reason) -> emit.accept(new FileItem(task, 0, -1, null, null, null, null, origin, reason, false)));
        emit.accept(new FileItem(task, 0, -1, null, null, null, null, null, null, true));
    }

    /** Reader side, in file order: counts, report lines, identities, sort keys. */
    private void consume(ReplayReport.InputCounts counts, FileItem item, ShardedSorter<TimelineEntry> sorter) {
        FileTask task = item.task();
        if (item.last()) {
            bytesDone += sizeOf(task.file());
            filesDone++;
        } else if (item.outcome() == null) {
            unreadable(task.format(), counts).accept(item.unreadableOrigin(), item.unreadableReason());
        } else {
            account(item, counts, sorter);
        }
    }

    private String origin(FileItem item) {
        return RawRecord.origin(files.get(item.task().fileId()), item.line(), item.index());
    }

    private BiConsumer<String, String> unreadable(String format, ReplayReport.InputCounts counts) {
        return (origin, reason) -> {
            counts.rawRecords++;
            counts.rejected++;
            report.rejected(origin, format, reason);
        };
    }

    /** One raw record, accounted for exactly as the topology path does (events, not attributable, rejected). */
    private void account(FileItem item, ReplayReport.InputCounts counts, ShardedSorter<TimelineEntry> sorter) {
        FileTask task = item.task();
        RecordNormalizer.Outcome outcome = item.outcome();
        List<byte[]> encoded = item.encoded();
        counts.rawRecords++;
        long rejected = 0;
        if (item.encodeError() != null) {
            rejected++;
            report.rejected(origin(item), task.format(), item.encodeError());
        }
        for (int k = 0; k < encoded.size(); k++) {
            UsageEvent e = outcome.events().get(k);
            identities.add(item.classes()[k], e.getCredentialId());
            String credentialId = e.getCredentialId().toString();
            add(sorter.shardOf(credentialId), new TimelineEntry(e.getEventTime(), TimelineEntry.EVENT,
                    e.getSource() + "\u0000" + e.getEventId(), seq++, task.input(), task.fileId(), item.line(), item.index(),
                    credentialId, encoded.get(k)));
        }
        if (outcome.rejection() != null) {
            rejected++;
            String reason = RejectionReason.of(outcome.rejection());
            counts.rejectedBecause(reason);
            report.rejected(origin(item), task.format(), reason);
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
        events += encoded.size();
        if ((counts.rawRecords & 1023) == 0) {
            progress.update("reading", events, bytesTotal > 0 ? (double) bytesDone / bytesTotal : -1,
                    String.format(java.util.Locale.ROOT, "%,d of %,d files done", filesDone, fileCount));
        }
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
                    add(to.shardOf(key), e);
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
