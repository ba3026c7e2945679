package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk sort under replay: complete and ordered whatever the budget, in-order input passes straight through. */
@UnitTest
class ExternalSorterTest {

    @TempDir
    Path dir;

    @Test
    void unorderedInputBeyondTheBudgetSpillsRunsAndMergesThemInOrderTwice() throws Exception {
        Random r = new Random(5);
        List<TimelineEntry> expected = new ArrayList<>();
        try (ExternalSorter<TimelineEntry> sorter = new ExternalSorter<>(TimelineEntry.CODEC, dir, "t", 64 * 1024)) {
            for (int i = 0; i < 20_000; i++) {
                TimelineEntry e = entry(r.nextInt(5_000), r.nextBoolean() ? TimelineEntry.EVENT : TimelineEntry.INVENTORY,
                        "k" + r.nextInt(50), i);
                expected.add(e);
                sorter.add(e);
            }
            expected.sort(TimelineEntry.CODEC);
            assertTrue(sorter.runFiles() > 10, "runs spilled: " + sorter.runFiles());
            for (int pass = 0; pass < 2; pass++) {
                assertEquals(keys(expected), keys(read(sorter)), "pass " + pass);
            }
        }
    }

    @Test
    void inputsAlreadyInOrderPassThroughWithoutSortedRuns() throws Exception {
        List<TimelineEntry> expected = new ArrayList<>();
        try (ExternalSorter<TimelineEntry> sorter = new ExternalSorter<>(TimelineEntry.CODEC, dir, "o", 1024)) {
            for (int format = 0; format < 3; format++) { // three inputs, each in time order, one after the other
                for (int i = 0; i < 5_000; i++) {
                    TimelineEntry e = entry(i * 10L + format, TimelineEntry.EVENT, "f" + format, format * 5_000L + i);
                    expected.add(e);
                    sorter.add(e);
                }
            }
            expected.sort(TimelineEntry.CODEC);
            assertEquals(keys(expected), keys(read(sorter)));
            assertEquals(3, sorter.runFiles(), "one pass-through run per ordered input, nothing buffered and spilled");
        }
    }

    private static TimelineEntry entry(long time, byte kind, String key, long seq) {
        return new TimelineEntry(time, kind, key, seq, 0, 0, (int) seq, -1, key, ("payload-" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static List<TimelineEntry> read(ExternalSorter<TimelineEntry> sorter) throws Exception {
        List<TimelineEntry> out = new ArrayList<>();
        try (ExternalSorter.Merge<TimelineEntry> it = sorter.merged()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> keys(List<TimelineEntry> entries) {
        return entries.stream().map(e -> e.time() + "/" + e.kind() + "/" + e.sortKey() + "/" + e.seq() + "/"
                + new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }
}
