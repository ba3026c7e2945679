package io.nhidrift.reliability;

import java.util.List;
import java.util.Map;

/**
 * One case compared with the fault-free run of the same input.
 *
 * @param alertsExpected alert records of the fault-free run
 * @param alertsRead alert records this run committed (read with {@code read_committed})
 * @param lost alerts of the fault-free run missing here (by alertId multiset)
 * @param duplicated extra copies of alerts of the fault-free run
 * @param unexpected alerts the fault-free run never had
 * @param changed alerts with the same id but different content
 * @param stateDifferences per store, the keys whose committed value differs from the fault-free run's
 * @param error what stopped the case (service exited, round not processed in time), or null
 */
record CaseResult(String name, String description, int events, int alertsExpected, int alertsRead, int lost,
        int duplicated, int unexpected, List<String> changed, Map<String, List<String>> stateDifferences,
        int stateKeys, FaultLog log, int serviceStarts, long threadReplacements, long wallMillis, String error) {

    boolean clean() {
        return error == null && lost == 0 && duplicated == 0 && unexpected == 0 && changed.isEmpty()
                && stateDifferences.isEmpty();
    }

    String verdict() {
        if (error != null) {
            // the first line, and the service's own last word when the error carries its log
            String cause = error.lines().filter(l -> l.startsWith("nhi-drift: ")).reduce((a, b) -> b).orElse("");
            return "ERROR: " + error.lines().findFirst().orElse(error) + (cause.isEmpty() ? "" : " (" + cause + ")");
        }
        StringBuilder b = new StringBuilder();
        if (lost > 0) {
            b.append(lost).append(" lost; ");
        }
        if (duplicated > 0) {
            b.append(duplicated).append(" duplicated; ");
        }
        if (unexpected > 0) {
            b.append(unexpected).append(" unexpected; ");
        }
        if (!changed.isEmpty()) {
            b.append(changed.size()).append(" changed ").append(changed.subList(0, Math.min(3, changed.size()))).append("; ");
        }
        stateDifferences.forEach((store, keys) -> b.append(store).append(": ").append(keys.size()).append(" keys differ ")
                .append(keys.subList(0, Math.min(3, keys.size()))).append("; "));
        return b.length() == 0 ? "identical" : b.toString();
    }
}
