package io.nhidrift.replay;

/** One raw record read from a file, with where it came from (for the replay report). */
public record RawRecord(String file, int line, byte[] bytes) {
    public String origin() {
        return file + ":" + line;
    }
}
