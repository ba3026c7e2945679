package io.nhidrift.detect;

/** A detection that looks at each normalized event of a credential. Must not scan stores. */
public interface EventDetector extends Detector {

    /** Reports to {@code out} which of its conditions this event shows to hold or to have ended. */
    void onEvent(EventContext ctx, Decisions out);
}
