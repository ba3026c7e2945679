package io.nhidrift.detect;

import java.util.Map;

/**
 * The alert conditions that fired for one credential and still hold (a view on the state's
 * {@code activeConditions}). Shared suppression: a finding whose key is active is not emitted again.
 */
public final class Conditions {

    private final Map<String, Long> active;

    public Conditions(Map<String, Long> active) {
        this.active = active;
    }

    public boolean isActive(String key) {
        return active.containsKey(key);
    }

    public void activate(String key, long since) {
        active.put(key, since);
    }

    public void clear(String key) {
        active.remove(key);
    }

    public void clearPrefix(String prefix) {
        active.keySet().removeIf(k -> k.startsWith(prefix));
    }

    public Map<String, Long> view() {
        return java.util.Collections.unmodifiableMap(active);
    }
}
