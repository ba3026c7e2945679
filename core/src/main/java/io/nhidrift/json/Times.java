package io.nhidrift.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reading times, the one way. Every reader starts with the fast path for the common shape of audit-log times,
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read without the {@code java.time} parser (a third of the CloudTrail
 * mapping's time); {@code java.time} defines the result of everything else. Each reader names how lenient it is:
 * <ul>
 *   <li>{@link #isoMillis}: an instant with {@code Z} or an offset ({@code T} or a space before the time);
 *   <li>{@link #isoMillisZoneless}: also a date-time without zone, read as UTC by appending {@code Z} (CloudTrail);
 *   <li>{@link #lenientMillis}: also a date-time without zone (seconds optional) or a bare date, as UTC;
 *   <li>{@link #millis(JsonNode)}: also epoch numbers in seconds, millis, micros or nanos by magnitude;
 *   <li>{@link #clfMillis}: the Common Log Format {@code 10/Jul/2023:11:42:00 +0000};
 *   <li>{@link #instant}: the forms of the AWS CLI/SDK dumps, at full precision.
 * </ul>
 * All return null for what they cannot read.
 */
public final class Times {

    private static final long NOT_SIMPLE = Long.MIN_VALUE;
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter SPACE_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]XXX");
    private static final DateTimeFormatter SPACE_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

    private Times() {}

    /** An ISO-8601 instant with {@code Z} or an offset ({@code T} or a space between date and time), else null. */
    public static Long isoMillis(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long fast = utcMillis(value);
        if (fast != NOT_SIMPLE) {
            return fast;
        }
        String v = withT(value.trim());
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * {@link #isoMillis}, else a date-time without zone ({@code 2022-01-01 19:42:55}, 19 to 30 characters) read as
     * UTC by appending {@code Z}: CloudTrail times are always UTC, exporters such as Panther drop the zone.
     */
    public static Long isoMillisZoneless(String text) {
        if (text == null) {
            return null;
        }
        Long t = isoMillis(text);
        if (t == null) {
            String v = text.trim();
            if (v.length() >= 19 && v.length() <= 30 && v.charAt(4) == '-' && v.indexOf('Z') < 0
                    && v.indexOf('+', 10) < 0 && v.indexOf('-', 10) < 0) {
                t = isoMillis(v + 'Z');
            }
        }
        return t;
    }

    /** {@link #isoMillis}, else a zone-less ISO date-time or a bare date, taken as UTC. */
    public static Long lenientMillis(String value) {
        if (value == null) {
            return null;
        }
        Long t = isoMillis(value);
        if (t != null) {
            return t;
        }
        String v = withT(value.trim());
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                if (v.length() == 10) {
                    return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
                }
            } catch (DateTimeParseException ignored) {
                // fall through
            }
            return null;
        }
    }

    /**
     * Event time in epoch millis from a node: numbers (and digit strings) are epoch seconds, millis, micros or
     * nanos by magnitude; text is read by {@link #lenientMillis}. Null when unreadable.
     */
    public static Long millis(JsonNode n) {
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? epochByMagnitude(n.asLong()) : epochByMagnitude(n.asDouble());
        }
        String s = n.asText().trim();
        if (s.isEmpty()) {
            return null;
        }
        if (Fields.isDigits(s) && s.length() < 20) {
            return epochByMagnitude(Long.parseLong(s));
        }
        return lenientMillis(s);
    }

    /** Common Log Format, {@code 10/Jul/2023:11:42:00 +0000}, optionally in brackets; else null. */
    public static Long clfMillis(String s) {
        try {
            String v = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
            return OffsetDateTime.parse(v, CLF).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Timestamps of the AWS CLI/SDK dumps, at full precision: ISO-8601 with Z or an offset
     * ({@code 2019-01-24T19:20:51Z}, {@code 2021-03-13T18:40:54+00:00}), Python {@code str(datetime)}
     * ({@code 2023-03-09 10:41:45+00:00}), and the same without zone (UTC). Unparseable or absent: null.
     */
    public static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String v = s.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(v, SPACE_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(v, SPACE_LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** Epoch seconds (until year 5138), millis, micros or nanos, by magnitude, as millis. */
    static long epochByMagnitude(long v) {
        long a = Math.abs(v);
        if (a < 100_000_000_000L) {
            return v * 1000;
        }
        if (a < 100_000_000_000_000L) {
            return v;
        }
        if (a < 100_000_000_000_000_000L) {
            return v / 1000;
        }
        return v / 1_000_000;
    }

    static long epochByMagnitude(double v) {
        double a = Math.abs(v);
        if (a < 1e11) {
            return Math.round(v * 1000);
        }
        return epochByMagnitude((long) v);
    }

    /** {@code 2022-01-01 19:42:55} → {@code 2022-01-01T19:42:55}; anything else unchanged. */
    private static String withT(String v) {
        return v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
    }

    /**
     * The fast path: {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (years 1970–9999) in epoch millis; anything else,
     * including out-of-range fields, is {@link #NOT_SIMPLE} and left to {@link Instant#parse}, which defines the result.
     */
    static long utcMillis(String v) {
        int n = v.length();
        if (n < 20 || n > 30 || v.charAt(n - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return NOT_SIMPLE;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return NOT_SIMPLE;
        }
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int monthDays = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
        if (day > monthDays) {
            return NOT_SIMPLE;
        }
        int millis = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (v.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return NOT_SIMPLE;
            }
            int f = digits(v, 20, Math.min(3, fractionDigits));
            if (f < 0 || (fractionDigits > 3 && digits(v, 23, fractionDigits - 3) < 0)) {
                return NOT_SIMPLE;
            }
            millis = fractionDigits == 1 ? f * 100 : fractionDigits == 2 ? f * 10 : f;
        } else if (v.charAt(19) != 'Z') {
            return NOT_SIMPLE;
        }
        long y = year - 1;
        long days = 365 * (y - 1969) + (y / 4 - 492) - (y / 100 - 19) + (y / 400 - 4)
                + DAYS_BEFORE_MONTH[month - 1] + (month > 2 && leap ? 1 : 0) + day - 1;
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The non-negative decimal number of {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String v, int from, int len) {
        int x = 0;
        for (int i = from; i < from + len; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            x = x * 10 + (c - '0');
        }
        return x;
    }
}
