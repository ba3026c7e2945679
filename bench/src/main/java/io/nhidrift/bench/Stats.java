package io.nhidrift.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** A figure measured over several runs: min / median / max. */
final class Stats {
    private final List<Double> values = new ArrayList<>();

    Stats add(double v) {
        values.add(v);
        return this;
    }

    int n() {
        return values.size();
    }

    double median() {
        return pct(50);
    }

    double min() {
        return values.isEmpty() ? Double.NaN : Collections.min(values);
    }

    double max() {
        return values.isEmpty() ? Double.NaN : Collections.max(values);
    }

    /** Nearest-rank percentile (p in 0..100). */
    double pct(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        if (p == 50 && s.size() % 2 == 0) {
            return (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    /** "median (min–max, n runs)". */
    String fmt(String unitFormat) {
        if (values.isEmpty()) {
            return "n/a";
        }
        if (values.size() == 1) {
            return String.format(Locale.ROOT, unitFormat, median()) + " (1 run)";
        }
        return String.format(Locale.ROOT, unitFormat, median()) + " (" + String.format(Locale.ROOT, unitFormat, min())
                + " – " + String.format(Locale.ROOT, unitFormat, max()) + ", " + values.size() + " runs)";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    String fmt() {
        if (values.isEmpty()) {
            return "n/a";
        }
        if (values.size() == 1) {
            return num(median()) + " (1 run)";
        }
        return num(median()) + " (" + num(min()) + " – " + num(max()) + ", " + values.size() + " runs)";
    }
}
