package io.nhidrift.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.nhidrift.json.Json;
import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Splits one decoded input stream into raw records with Jackson's streaming parser, never holding more than
 * one record (plus a bounded window) in memory:
 * <ul>
 *   <li>top-level objects (NDJSON or pretty-printed) are one record each; top-level arrays give one record per
 *       element, and so does the {@code Records} array of a CloudTrail S3-delivery body when {@code splitRecords};
 *   <li>null and other non-object array elements, and top-level scalars, are rejected with file, line and index;
 *   <li>a syntax error outside an array costs the broken lines only: the lines from the broken value's first
 *       line up to the line before the error (or to the end of the error's line when it is the same line) are
 *       one rejected record, and parsing restarts at the next line (so an NDJSON file loses only its bad lines);
 *   <li>a syntax error inside an array (a truncated array, a broken element), a broken gzip stream or a limit
 *       ends the file: its complete records count, and the rest is one rejected record with its position.
 * </ul>
 */
final class JsonRecordSplitter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Json.MAX_DEPTH + 8).build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /** A file went past {@code replay.max-records-per-file}. */
    private static final class RecordLimitReached extends RuntimeException {
        final String origin;

        RecordLimitReached(String origin) {
            super(null, null, false, false);
            this.origin = origin;
        }
    }

    private final String file;
    private final ByteWindow window;
    private final boolean splitRecords;
    private final long maxRecords;
    private final Consumer<RawRecord> sink;
    private final BiConsumer<String, String> errors;

    private JsonParser parser;
    private long parserBase;
    private long parserBaseLine;
    /** End of the last complete value or element, and its line: where a broken value begins at the earliest. */
    private long done;
    private long doneLine = 1;
    private int arrayIndex = -1;
    /** Start and line of the top-level array being split, or -1. */
    private long topArrayStart = -1;
    private long topArrayLine;
    /** Rejections of non-object elements on a top-level array's first line, held until it proves to be an array. */
    private final java.util.List<String[]> pending = new java.util.ArrayList<>();
    private static final int MAX_PENDING = 64;
    private long accounted;

    JsonRecordSplitter(String file, ByteWindow window, boolean splitRecords, long maxRecords,
            Consumer<RawRecord> sink, BiConsumer<String, String> errors) {
        this.file = file;
        this.window = window;
        this.splitRecords = splitRecords;
        this.maxRecords = maxRecords;
        this.sink = sink;
        this.errors = errors;
    }

    /** Reads the whole stream; every record goes to the sink or, with its reason, to the errors. */
    void run() {
        long start = 0;
        try {
            while (start >= 0) {
                try {
                    start = segment(start, doneLine);
                } catch (JsonProcessingException e) {
                    if (arrayIndex >= 0 && e instanceof JsonEOFException) {
                        flushPending();
                        rejectRest(RawRecord.origin(file, doneLine, arrayIndex), "truncated JSON array at line "
                                + lineOf(e) + ": " + reason(e) + "; this element and the rest of the file are not read");
                        return;
                    }
                    int index = brokeOnTheArraysFirstLine(lineOf(e)) ? -1 : arrayIndex;
                    start = skipBrokenValue(errorOffset(e), lineOf(e), index, reason(e));
                }
            }
        } catch (RecordLimitReached e) {
            reportPending();
            rejectRest(e.origin, "more than " + maxRecords + " records in the file;"
                    + " this record and the rest of the file are not read (replay.max-records-per-file)");
        } catch (IOException | RuntimeException e) {
            reportPending();
            rejectRest(RawRecord.origin(file, doneLine, arrayIndex), "cannot read on after text byte " + done
                    + ": " + e.getClass().getSimpleName() + ": "
                    + Json.firstLine(e.getMessage()) + "; the rest of the file is not read");
        } finally {
            closeParser();
        }
    }

    private void closeParser() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // the source is not closed by the parser (AUTO_CLOSE_SOURCE off): nothing to release
            }
            parser = null;
        }
    }

    /** Parses from {@code start} (the start of a line) to the end; returns -1 at the end of the stream. */
    private long segment(long start, long line) throws IOException {
        done = start;
        doneLine = line;
        window.seek(start);
        window.keepFrom(start);
        closeParser();
        arrayIndex = -1;
        topArrayStart = -1;
        pending.clear();
        if (!looksLikeUtf8Json(start)) {
            return skipBrokenValue(start, line, -1, "not UTF-8 JSON text (a NUL byte or a UTF-16/32 byte order mark)");
        }
        parser = FACTORY.createParser(window);
        parserBase = start;
        parserBaseLine = line;
        JsonToken t;
        while ((t = parser.nextToken()) != null) {
            JsonLocation at = parser.currentTokenLocation();
            if (t == JsonToken.START_ARRAY) {
                topArrayStart = offset(at);
                topArrayLine = line(at);
                splitArray();
                topArrayStart = -1;
            } else if (t == JsonToken.START_OBJECT) {
                object(offset(at), line(at));
            } else {
                account(line(at), -1);
                errors.accept(RawRecord.origin(file, line(at), -1), "not a JSON object or array but " + describe(t)
                        + " (with the rest of its line)");
                done = endOfLine(offset(at));
                doneLine = line(at) + 1;
                return done;
            }
            markDone();
        }
        return -1;
    }

    private void object(long start, long line) throws IOException {
        if (!splitRecords) {
            parser.skipChildren();
            emit(start, offset(parser.currentLocation()), line, -1);
            return;
        }
        boolean split = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!split && value == JsonToken.START_ARRAY && "Records".equals(name)) {
                split = true;
                splitArray();
            } else {
                parser.skipChildren();
            }
        }
        if (!split) {
            emit(start, offset(parser.currentLocation()), line, -1);
        }
    }

    private void splitArray() throws IOException {
        arrayIndex = 0;
        boolean objectSeen = false;
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonEOFException(parser, null, "end of input inside an array");
            }
            JsonLocation at = parser.currentTokenLocation();
            if (t == JsonToken.START_OBJECT) {
                parser.skipChildren();
                flushPending();
                objectSeen = true;
                emit(offset(at), offset(parser.currentLocation()), line(at), arrayIndex);
            } else {
                if (t == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else {
                    parser.finishToken();
                }
                String origin = RawRecord.origin(file, line(at), arrayIndex);
                String reason = "array element is " + describe(t) + ", not a JSON object";
                if (topArrayStart >= 0 && !objectSeen && line(at) == topArrayLine && pending.size() < MAX_PENDING) {
                    pending.add(new String[] {origin, reason, Long.toString(line(at))});
                } else {
                    flushPending();
                    account(line(at), arrayIndex);
                    errors.accept(origin, reason);
                }
            }
            markDone();
            arrayIndex++;
        }
        flushPending();
        arrayIndex = -1;
    }

    /** Reports held element rejections when the file ends abnormally (past the record limit: counted all the same). */
    private void reportPending() {
        for (String[] p : pending) {
            accounted++;
            errors.accept(p[0], p[1]);
        }
        pending.clear();
    }

    /** Reports the held rejections of non-object elements: the array turned out to be one. */
    private void flushPending() {
        for (String[] p : pending) {
            account(Long.parseLong(p[2]), -1);
            errors.accept(p[0], p[1]);
        }
        pending.clear();
    }

    /**
     * A line that starts like an array of scalars and then breaks (a text log line such as {@code [2019-04-08T…]})
     * is one broken line, not elements plus a broken rest: the held element rejections are dropped and the line is
     * rejected from its {@code [}.
     */
    private boolean brokeOnTheArraysFirstLine(long errorLine) {
        if (pending.isEmpty() || topArrayStart < 0 || errorLine != topArrayLine) {
            flushPending();
            return false;
        }
        pending.clear();
        done = topArrayStart;
        doneLine = topArrayLine;
        return true;
    }

    private void emit(long start, long end, long line, int index) {
        account(line, index);
        if (end - start > ReplayLimits.MAX_RECORD_BYTES || !window.holds(start)) {
            errors.accept(RawRecord.origin(file, line, index), "record of " + (end - start) + " bytes exceeds the limit of "
                    + ReplayLimits.MAX_RECORD_BYTES + " bytes");
            return;
        }
        sink.accept(new RawRecord(file, (int) Math.min(line, Integer.MAX_VALUE), index, window.slice(start, end)));
    }

    /** Counts one record (read or rejected) at {@code line} and {@code index}, within the limit per file. */
    private void account(long line, int index) {
        if (++accounted > maxRecords) {
            throw new RecordLimitReached(RawRecord.origin(file, line, index));
        }
    }

    private void markDone() {
        JsonLocation now = parser.currentLocation();
        done = offset(now);
        doneLine = line(now);
        if (pending.isEmpty()) {
            window.keepFrom(done);
        }
    }

    /**
     * Rejects the first line of the broken value that begins after {@link #done} (from its first byte to the end of
     * that line) and returns where parsing restarts, the next line (-1 at the end). Rejecting one line at a time
     * never takes a complete NDJSON line along with a broken one. Commas and closing brackets between values (the
     * rest of an array that broke) are separators, not records: when the error lies in them, parsing restarts
     * after them without a rejection.
     */
    private long skipBrokenValue(long errorOffset, long errorLine, int index, String reason) throws IOException {
        long from = done;
        long line = doneLine;
        if (window.holds(from)) {
            boolean separator = false;
            int b;
            while ((b = window.byteAt(from)) == ' ' || b == '\t' || b == '\r' || b == '\n' || b == ',' || b == ']') {
                line += b == '\n' ? 1 : 0;
                separator |= b == ',' || b == ']';
                from++;
            }
            if (b < 0) {
                return -1;
            }
            if (separator && errorOffset <= from) {
                done = from;
                doneLine = line;
                return from;
            }
        } else {
            from = Math.max(errorOffset, window.cursor());
            line = errorLine;
        }
        long end = endOfLine(from);
        account(line, index);
        errors.accept(RawRecord.origin(file, line, index), "invalid JSON: " + reason + " (the line is rejected)");
        done = end;
        doneLine = line + 1;
        return end;
    }

    /** The offset after the newline ending the line at {@code offset}, or -1 if the stream ends first. */
    private long endOfLine(long offset) throws IOException {
        long newline = window.indexOf('\n', offset);
        return newline < 0 ? -1 : newline + 1;
    }

    /** Jackson would read input starting with a NUL byte or a UTF-16/32 byte order mark as another encoding. */
    private boolean looksLikeUtf8Json(long start) throws IOException {
        int b0 = window.byteAt(start);
        int b1 = window.byteAt(start + 1);
        if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (window.byteAt(start + i) == 0) {
                return false;
            }
        }
        return true;
    }

    private void rejectRest(String origin, String reason) {
        accounted++;
        errors.accept(origin, reason);
    }

    private long errorOffset(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l != null && l.getByteOffset() >= 0 ? offset(l) : window.cursor();
    }

    private long lineOf(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l != null && l.getLineNr() > 0 ? line(l) : doneLine;
    }

    private long offset(JsonLocation l) {
        return parserBase + l.getByteOffset();
    }

    private long line(JsonLocation l) {
        return parserBaseLine + l.getLineNr() - 1;
    }

    private static String reason(JsonProcessingException e) {
        return Json.firstLine(e.getOriginalMessage());
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_NULL -> "null";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "an array";
            default -> String.valueOf(t);
        };
    }
}
