package io.nhidrift.replay;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a long replay on stderr: what it is doing, how far (files, events), how fast, and when the
 * amount left is known, an estimate of the time left. On a terminal the line is rewritten in place; forced on
 * elsewhere ({@code --progress}) it is a new line each time. At most one update per {@link #INTERVAL_NANOS}.
 * {@link #QUIET} prints nothing.
 */
class ReplayProgress {

    static final ReplayProgress QUIET = new ReplayProgress(null, false, System::nanoTime) {
        @Override
        void update(String phase, long done, long total, String unit, String extra) {}

        @Override
        void end() {}
    };

    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final boolean inPlace;
    private final LongSupplier clock;
    private long phaseStart = Long.MIN_VALUE;
    private String phase;
    private long lastPrint;
    private boolean open;

    ReplayProgress(PrintStream err, boolean inPlace, LongSupplier clock) {
        this.err = err;
        this.inPlace = inPlace;
        this.clock = clock;
    }

    /** Progress shown on a terminal, or anywhere when {@code forced}; otherwise {@link #QUIET}. */
    static ReplayProgress forStderr(PrintStream err, boolean forced) {
        boolean terminal = System.console() != null;
        return terminal || forced ? new ReplayProgress(err, terminal, System::nanoTime) : QUIET;
    }

    /** {@code done} of {@code total} (total 0 or less: unknown) {@code unit}s in {@code phase}. */
    void update(String phase, long done, long total, String unit, String extra) {
        long now = clock.getAsLong();
        if (!phase.equals(this.phase)) {
            this.phase = phase;
            phaseStart = now;
            lastPrint = now;
            return;
        }
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        double seconds = (now - phaseStart) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder line = new StringBuilder("nhi-drift replay: ").append(phase).append(": ");
        line.append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " of %,d", total));
        }
        line.append(' ').append(unit).append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
        if (extra != null) {
            line.append(", ").append(extra);
        }
        if (total > 0 && rate > 0 && done <= total) {
            line.append(String.format(Locale.ROOT, ", about %.0f s left", (total - done) / rate));
        }
        if (inPlace) {
            err.print("\r" + line + "\u001b[K");
            open = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the in-place line so the report starts on a line of its own. */
    void end() {
        if (open) {
            err.print("\r\u001b[K");
            err.flush();
            open = false;
        }
    }
}
