package io.nhidrift.review;

import java.util.List;

/**
 * One grant pattern and the actions used under it (in scope, matching the pattern).
 *
 * @param lastUsed the latest use under the pattern, null when it was never used
 */
public record PatternUse(String pattern, long count, Long lastUsed, List<ActionUse> actions) {

    public boolean neverUsed() {
        return actions.isEmpty();
    }
}
