package io.nhidrift.replay;

import io.nhidrift.adapter.FormatFingerprint;
import io.nhidrift.adapter.Printable;
import io.nhidrift.adapter.RejectionReason;
import io.nhidrift.adapter.SkipReason;
import java.io.PrintStream;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What a replay read, normalized, skipped and rejected, and which alerts it produced (printed to stderr). Every
 * text that comes from the input (file names, reasons quoting records) is {@linkplain Printable#escape escaped}.
 */
public final class ReplayReport {

    /** Most lines printed about events left out as implausible in time (they are all counted). */
    static final int MAX_IMPLAUSIBLE_LINES = 20;

    /**
     * Counts for one input (a {@code FORMAT=PATH} or the inventory). Every item read is exactly one of events,
     * skipped (not attributable) or rejected; raw records are what the files were split into (a record may hold
     * several items, such as an Azure {@code records} array).
     */
    public static final class InputCounts {
        public long rawRecords;
        public long events;
        public long skipped;
        public long rejected;
        public long afterUntil;
        public long implausible;
        /** The input's format, as given ({@code FORMAT=PATH}). */
        public String format = "";
        /** The not attributable ones per reason; with the wrong format, per format they look like. */
        public final Map<SkipReason, Long> skippedByReason = new EnumMap<>(SkipReason.class);
        public final Map<String, Long> looksLike = new TreeMap<>();
        /** The rejected ones that look like another format, per format they look like. */
        public final Map<String, Long> rejectedLooksLike = new TreeMap<>();

        public long items() {
            return events + skipped + rejected;
        }

        /** Adds what the counters grew by between two readings. */
        void addSkippedByReason(Map<SkipReason, Long> before, Map<SkipReason, Long> after) {
            after.forEach((r, n) -> add(skippedByReason, r, n - before.getOrDefault(r, 0L)));
        }

        void addLooksLike(Map<String, Long> before, Map<String, Long> after) {
            after.forEach((f, n) -> add(looksLike, f, n - before.getOrDefault(f, 0L)));
        }

        /** Adds another reading's counts (a file read on its own thread) to these. */
        void addAll(InputCounts o) {
            rawRecords += o.rawRecords;
            events += o.events;
            skipped += o.skipped;
            rejected += o.rejected;
            afterUntil += o.afterUntil;
            implausible += o.implausible;
            o.skippedByReason.forEach((r, n) -> add(skippedByReason, r, n));
            o.looksLike.forEach((f, n) -> add(looksLike, f, n));
            o.rejectedLooksLike.forEach((f, n) -> add(rejectedLooksLike, f, n));
        }

        /** A rejection whose reason ends {@code (looks like <Y>, not <X>)} is counted under Y. */
        void rejectedBecause(String reason) {
            int at = reason == null ? -1 : reason.lastIndexOf("(" + FormatFingerprint.LOOKS_LIKE);
            String y = at < 0 ? null : FormatFingerprint.looksLike(reason.substring(at + 1));
            if (y != null) {
                rejectedLooksLike.merge(y, 1L, Long::sum);
            }
        }

        private static <K> void add(Map<K, Long> m, K key, long n) {
            if (n > 0) {
                m.merge(key, n, Long::sum);
            }
        }

        /** {@code aws-service 34, no-principal 2} (non-zero only), or null when nothing was skipped. */
        String byReason() {
            StringJoiner j = new StringJoiner(", ");
            skippedByReason.forEach((r, n) -> j.add(r.label() + " " + n));
            return skippedByReason.isEmpty() ? null : j.toString();
        }
    }

    private final Map<String, InputCounts> inputs = new TreeMap<>();
    private final Map<String, Long> alertsByType = new TreeMap<>();
    private long rejectedTotal;
    private long inventoryRecords;
    private long inventoryRejected;
    private long implausibleLines;
    private final PrintStream err;

    public ReplayReport(PrintStream err) {
        this.err = err;
    }

    /** Where the report prints. */
    public PrintStream err() {
        return err;
    }

    public InputCounts input(String name) {
        return inputs.computeIfAbsent(name, k -> new InputCounts());
    }

    /** A record that cannot be parsed: reported with its file and line, never dropped silently. */
    public void rejected(String origin, String format, String reason) {
        rejectedTotal++;
        err.println("nhi-drift replay: rejected " + Printable.escape(format) + " record at " + Printable.escape(origin) + ": "
                + RejectionReason.of(reason));
    }

    public void inventoryRecord() {
        inventoryRecords++;
    }

    public void inventoryRejected(String origin, String reason) {
        inventoryRejected++;
        rejected(origin, "inventory", reason);
    }

    /** Events of one input left out because their time is implausible ({@link PlausibleTime}). */
    void implausible(String input, long count, long from, long to, String firstOrigin, String why) {
        input(input).implausible += count;
        if (implausibleLines++ < MAX_IMPLAUSIBLE_LINES) {
            err.println("nhi-drift replay: not applied: " + count + " " + Printable.escape(input) + " event" + (count == 1 ? "" : "s")
                    + " from " + instant(from) + " to " + instant(to) + " (first at " + Printable.escape(firstOrigin) + "): " + why);
        } else if (implausibleLines == MAX_IMPLAUSIBLE_LINES + 1) {
            err.println("nhi-drift replay: not applied: more events outside the plausible time window (counted below)");
        }
    }

    /** Warns (one line) when inventory versions take effect after most of the events they would apply to. */
    void lateInventory(LateInventory late) {
        if (late.suspicious()) {
            err.println("nhi-drift replay: warning: " + late.warning(late.example() == null ? null : Printable.escape(late.example())));
        }
    }

    public void alert(String type) {
        alertsByType.merge(type, 1L, Long::sum);
    }

    public long rejectedTotal() {
        return rejectedTotal;
    }

    public Map<String, Long> alertsByType() {
        return alertsByType;
    }

    public Map<String, InputCounts> inputs() {
        return inputs;
    }

    /**
     * One line per input: {@code records = events + not attributable + rejected}, then which events were not
     * applied (after {@code --until}, outside the plausible time window); below it, the not attributable ones by
     * reason and the records that look like another format.
     */
    public void printSummary(long alerts, String until) {
        err.println("nhi-drift replay: inventory records " + inventoryRecords + " (rejected " + inventoryRejected + ")");
        inputs.forEach((name, c) -> {
            err.println("nhi-drift replay: input " + Printable.escape(name) + ": records " + c.items()
                    + " = events " + c.events + " + not attributable " + c.skipped + " + rejected " + c.rejected
                    + (c.rawRecords != c.items() ? " (" + c.rawRecords + " raw records)" : "")
                    + (c.afterUntil > 0 ? "; events after --until not applied " + c.afterUntil : "")
                    + (c.implausible > 0 ? "; events outside the plausible time window not applied " + c.implausible : ""));
            String byReason = c.byReason();
            if (byReason != null) {
                err.println("nhi-drift replay: input " + Printable.escape(name) + ": not attributable by reason: " + byReason);
            }
            c.looksLike.forEach((format, n) -> wrongFormat(name, c.format, format, n, "not attributable"));
            c.rejectedLooksLike.forEach((format, n) -> wrongFormat(name, c.format, format, n, "rejected"));
        });
        err.println("nhi-drift replay: evaluated until " + until + "; alerts " + alerts + " " + alertsByType);
        err.flush();
    }

    private void wrongFormat(String input, String format, String looksLike, long n, String what) {
        err.println("nhi-drift replay: input " + Printable.escape(input) + ": " + FormatFingerprint.LOOKS_LIKE
                + Printable.escape(looksLike) + ", not " + Printable.escape(format) + ": " + n + " record" + (n == 1 ? "" : "s")
                + " " + what + " (is the input's format right?)");
    }

    private static String instant(long ms) {
        try {
            return Instant.ofEpochMilli(ms).toString();
        } catch (RuntimeException e) {
            return ms + "ms";
        }
    }
}
