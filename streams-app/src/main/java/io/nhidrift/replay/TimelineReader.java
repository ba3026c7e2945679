package io.nhidrift.replay;

import io.nhidrift.adapter.Adapters;
import io.nhidrift.adapter.RejectionReason;
import io.nhidrift.adapter.SkipReason;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
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
 * {@link ExternalSorter}s. Events are kept in Avro binary; inventory versions as their raw text, validated when
 * applied (stage 2), like the inventory topic.
 */
final class TimelineReader {

    private final AppConfig config;
    private final ReplayLimits limits;
    private final ReplayReport report;
    private final IdentityTally identities;
    private final ReplayProgress progress;
    private final EdgeRules edge;
    private final AvroBinary<UsageEvent> eventCodec = new AvroBinary<>(UsageEvent.class);
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

    void readEvents(List<ReplayRunner.Input> inputs, ExternalSorter<TimelineEntry> sorter) throws IOException {
        List<List<Path>> filesByInput = new ArrayList<>();
        for (ReplayRunner.Input input : inputs) {
            ReplayReport.InputCounts counts = report.input(input.toString());
            counts.format = input.format();
            List<Path> list = RecordFileReader.files(input.path(), unreadable(input.format(), counts));
            filesByInput.add(list);
            for (Path f : list) {
                bytesTotal += sizeOf(f);
            }
            fileCount += list.size();
        }
        for (int i = 0; i < inputs.size(); i++) {
            ReplayRunner.Input input = inputs.get(i);
            ReplayReport.InputCounts counts = report.input(input.toString());
            RecordNormalizer normalizer = new RecordNormalizer(Adapters.create(input.format(), config.gatewayMapping()), edge);
            BiConsumer<String, String> unreadable = unreadable(input.format(), counts);
            int inputIndex = i;
            for (Path file : filesByInput.get(i)) {
                int fileId = files.size();
                files.add(file.toString());
                RecordFileReader.read(file, input.format(), limits,
                        r -> normalize(r, normalizer, inputIndex, fileId, counts, sorter), unreadable);
                bytesDone += sizeOf(file);
            }
        }
    }

    private BiConsumer<String, String> unreadable(String format, ReplayReport.InputCounts counts) {
        return (origin, reason) -> {
            counts.rawRecords++;
            counts.rejected++;
            report.rejected(origin, format, reason);
        };
    }

    /** One raw record, accounted for exactly as the topology path does (events, not attributable, rejected). */
    private void normalize(RawRecord r, RecordNormalizer normalizer, int input, int file,
            ReplayReport.InputCounts counts, ExternalSorter<TimelineEntry> sorter) {
        counts.rawRecords++;
        RecordNormalizer.Outcome outcome = normalizer.normalize(r.bytes(), System.currentTimeMillis());
        long rejected = 0;
        List<byte[]> encoded = new ArrayList<>(outcome.events().size());
        try {
            for (UsageEvent e : outcome.events()) {
                encoded.add(eventCodec.encode(e));
            }
        } catch (RuntimeException ex) {
            encoded.clear();
            rejected++;
            report.rejected(r.origin(), normalizer.format(), "cannot be normalized: " + rootMessage(ex));
        }
        for (int k = 0; k < encoded.size(); k++) {
            UsageEvent e = outcome.events().get(k);
            identities.add(e);
            add(sorter, new TimelineEntry(e.getEventTime(), TimelineEntry.EVENT, e.getSource() + "\u0000" + e.getEventId(),
                    seq++, input, file, r.line(), r.index(), e.getCredentialId().toString(), encoded.get(k)));
        }
        if (outcome.rejection() != null) {
            rejected++;
            String reason = RejectionReason.of(outcome.rejection());
            counts.rejectedBecause(reason);
            report.rejected(r.origin(), normalizer.format(), reason);
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
                    String.format(java.util.Locale.ROOT, "%,d of %,d files done", files.size() - 1, fileCount));
        }
    }

    /** Inventory records: versions with asOf to {@code dated}, without to {@code undated} (dated at the start). */
    void readInventory(List<Path> inventories, ExternalSorter<TimelineEntry> dated, ExternalSorter<TimelineEntry> undated)
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
                    add(asOf == Long.MIN_VALUE ? undated : dated, e);
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
