package io.nhidrift.topology;

/** How the detect processor relates event time to the wall clock. */
public enum TimeMode {
    /**
     * A live run ({@code run}, {@code demo}): wall-clock punctuation fires due checks for silent
     * partitions, and no input moves event time further ahead of the wall clock than
     * {@code detect.max-future-skew} (a record stamped in the future must not make every credential idle).
     */
    LIVE,
    /**
     * A back-test ({@code replay}, tests): event time alone drives time-based checks; the (mock) wall
     * clock is only used for the final evaluation at {@code --until}.
     */
    REPLAY
}
