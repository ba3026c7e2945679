package io.nhidrift.replay;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a long replay on stderr: what it is doing, how far (events, files), how fast (events/s), and
 * when the share done is known, an estimate of the time left. On a terminal the line is rewritten in place; forced on
 * elsewhere ({@code --progress}) it is a new line each time. At most one update per {@link #INTERVAL_NANOS}.
 * {@link #QUIET} prints nothing.
 */
class ReplayProgress {

    static final ReplayProgress QUIET = new ReplayProgress(null, false, System::nanoTime) {
        @Override
        void update(String phase, long events, double fraction, String extra) {}

        @Override
        void end() {}
    };

    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final boolean inPlace;
    private final LongSupplier clock;
    private long phaseStart = Long.MIN_VALUE;
    private String phase;
    private long phaseEvents;
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

    /**
     * {@code events} handled so far in {@code phase}, {@code fraction} of the phase done (0..1; negative: unknown),
     * and an optional detail (files done, ...).
     */
    void update(String phase, long events, double fraction, String extra) {
        long now = clock.getAsLong();
        if (!phase.equals(this.phase)) {
            this.phase = phase;
            phaseStart = now;
            phaseEvents = events;
            lastPrint = now;
            return;
        }
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        double seconds = (now - phaseStart) / 1e9;
        double rate = seconds > 0 ? (events - phaseEvents) / seconds : 0;
        StringBuilder line = new StringBuilder("nhi-drift replay: ").append(phase).append(": ")
                .append(String.format(Locale.ROOT, "%,d events, %,.0f events/s", events, rate));
        if (extra != null) {
            line.append(", ").append(extra);
        }
        if (fraction > 0 && fraction <= 1) {
            line.append(String.format(Locale.ROOT, ", %.0f %%, about %.0f s left", 100 * fraction, seconds * (1 - fraction) / fraction));
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
