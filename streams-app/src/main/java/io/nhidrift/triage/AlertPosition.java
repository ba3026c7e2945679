package io.nhidrift.triage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A place in the newest-first order of alerts: by event time, newest first, then by alert id (descending), so that
 * the order is total. The paging cursor of the alert list is an encoded position: the next page holds the alerts
 * strictly after it.
 */
public record AlertPosition(long eventTime, String alertId) implements Comparable<AlertPosition> {

    public static AlertPosition of(AlertRecord r) {
        return new AlertPosition(r.eventTimeMs(), r.alertId());
    }

    /** Negative when this position comes first (is newer). */
    @Override
    public int compareTo(AlertPosition o) {
        int c = Long.compare(o.eventTime, eventTime);
        return c != 0 ? c : o.alertId.compareTo(alertId);
    }

    /** The opaque cursor of this position. */
    public String cursor() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((eventTime + ":" + alertId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not one that {@link #cursor()} made */
    public static AlertPosition fromCursor(String cursor) {
        String s;
        try {
            s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor: use the 'next' value of the previous page");
        }
        int colon = s.indexOf(':');
        try {
            long t = Long.parseLong(s.substring(0, Math.max(0, colon)));
            String id = s.substring(colon + 1);
            if (t < 0 || id.isEmpty()) {
                throw new NumberFormatException();
            }
            return new AlertPosition(t, id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cursor: use the 'next' value of the previous page");
        }
    }
}
