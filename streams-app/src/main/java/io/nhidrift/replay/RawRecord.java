package io.nhidrift.replay;

/**
 * One raw record read from a file, with where it came from (for the replay report): its line, and when it
 * is an element of a JSON array (a top-level array or a CloudTrail {@code Records} array) its index there.
 */
public record RawRecord(String file, int line, int index, byte[] bytes) {

    public RawRecord(String file, int line, byte[] bytes) {
        this(file, line, -1, bytes);
    }

    public String origin() {
        return origin(file, line, index);
    }

    /** {@code file:line}, with {@code [element i]} for an array element. */
    static String origin(String file, long line, int index) {
        return file + ":" + line + (index >= 0 ? " [element " + index + "]" : "");
    }
}
