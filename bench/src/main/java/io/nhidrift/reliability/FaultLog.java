package io.nhidrift.reliability;

import java.util.ArrayList;
import java.util.List;

/** What a case did to its run: faults injected, whether they struck mid-stream, how long recovery took. */
final class FaultLog {

    final List<String> faults = new ArrayList<>();
    final List<Long> recoveryMillis = new ArrayList<>();
    int midStream;

    /** A fault that strikes while a round is produced; {@code inFlight}: the round was not yet all processed. */
    void midStream(String what, boolean inFlight) {
        if (inFlight) {
            midStream++;
        }
        faults.add(what + (inFlight ? " (round in flight)" : " (round already processed)"));
    }

    /** A fault between runs of the service. */
    void between(String what) {
        faults.add(what);
    }

    void recovered(long millis) {
        recoveryMillis.add(millis);
    }

    long maxRecoveryMillis() {
        return recoveryMillis.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
