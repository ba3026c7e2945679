package io.nhidrift.replay;

import io.nhidrift.adapter.Printable;
import io.nhidrift.adapter.RejectionReason;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** What a replay read, normalized, skipped and rejected, and which alerts it produced (printed to stderr). */
public final class ReplayReport {

    /** Counts for one input (a {@code FORMAT=PATH} or the inventory). */
    public static final class InputCounts {
        public long records;
        public long events;
        public long skipped;
        public long rejected;
        public long afterUntil;
    }

    private final Map<String, InputCounts> inputs = new TreeMap<>();
    private final Map<String, Long> alertsByType = new TreeMap<>();
    private long rejectedTotal;
    private long inventoryRecords;
    private long inventoryRejected;
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
        err.println("nhi-drift replay: rejected " + format + " record at " + Printable.escape(origin) + ": "
                + RejectionReason.of(reason));
    }

    public void inventoryRecord() {
        inventoryRecords++;
    }

    public void inventoryRejected(String origin, String reason) {
        inventoryRejected++;
        rejected(origin, "inventory", reason);
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

    public void printSummary(long alerts, String until) {
        err.println("nhi-drift replay: inventory records " + inventoryRecords + " (rejected " + inventoryRejected + ")");
        inputs.forEach((name, c) -> err.println("nhi-drift replay: input " + name + ": records " + c.records
                + ", events " + c.events + ", not attributable " + c.skipped + ", rejected " + c.rejected
                + (c.afterUntil > 0 ? ", events after --until ignored " + c.afterUntil : "")));
        err.println("nhi-drift replay: evaluated until " + until + "; alerts " + alerts + " " + alertsByType);
    }
}
