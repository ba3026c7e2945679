package io.nhidrift.http;

import java.util.Comparator;

/**
 * A place in a list order: the sort value (null = missing, lowest) and the credential id (the tie-break, always
 * ascending). A cursor is the position of the last row of the previous page.
 */
record Position(Double value, String id) {

    /** The order of positions for a sort direction: value ascending or descending, then id ascending. */
    static Comparator<Position> order(boolean descending) {
        Comparator<Double> values = Comparator.nullsFirst(Comparator.<Double>naturalOrder());
        Comparator<Position> byValue = Comparator.comparing(Position::value, descending ? values.reversed() : values);
        return byValue.thenComparing(Position::id);
    }
}
