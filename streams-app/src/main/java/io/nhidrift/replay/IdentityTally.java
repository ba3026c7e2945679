package io.nhidrift.replay;

import io.nhidrift.avro.UsageEvent;
import io.nhidrift.identity.IdentityClass;
import io.nhidrift.identity.IdentityClassifier;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who the replayed events came from, by identity class (CONTRACT section 2a): humans and platform principals
 * raise no NHI alert, so the report says how many there were and names the busiest, instead of staying silent.
 * Principals in the inventory are machine by definition and are not counted as human or platform.
 */
final class IdentityTally {

    private static final int SHOWN = 5;

    /** Events by class and principal; a count is a one-element array, incremented in place (no boxing per event). */
    private final Map<IdentityClass, Map<String, long[]>> eventsByPrincipal = new EnumMap<>(IdentityClass.class);

    void add(UsageEvent e) {
        add(IdentityClassifier.classify(e), e.getCredentialId());
    }

    /** An event of {@code principal}, already classified (replay classifies on its reading threads). */
    void add(IdentityClass c, String principal) {
        count(c, principal)[0]++;
    }

    private long[] count(IdentityClass c, String principal) {
        return eventsByPrincipal.computeIfAbsent(c, k -> new HashMap<>()).computeIfAbsent(principal, k -> new long[1]);
    }

    /** Adds another tally's counts (replay's reading threads keep one each). */
    void addAll(IdentityTally other) {
        other.eventsByPrincipal.forEach((c, m) -> m.forEach((principal, n) -> count(c, principal)[0] += n[0]));
    }

    void print(PrintStream err, Collection<String> inventoried) {
        for (IdentityClass c : new IdentityClass[] {IdentityClass.HUMAN, IdentityClass.PLATFORM}) {
            Map<String, long[]> m = eventsByPrincipal.getOrDefault(c, Map.of());
            for (String id : inventoried) {
                long[] n = m.get(id);
                if (n != null) {
                    count(IdentityClass.MACHINE, id)[0] += n[0];
                }
            }
        }
        for (IdentityClass c : IdentityClass.values()) {
            Map<String, Long> m = new HashMap<>();
            eventsByPrincipal.getOrDefault(c, Map.of()).forEach((principal, n) -> m.put(principal, n[0]));
            if (c != IdentityClass.MACHINE) {
                inventoried.forEach(m::remove);
            }
            long events = m.values().stream().mapToLong(Long::longValue).sum();
            String line = "nhi-drift replay: identities " + c.label() + ": " + m.size() + " principals, " + events + " events";
            if (c != IdentityClass.MACHINE && !m.isEmpty()) {
                line += " (no NHI alerts; busiest: " + m.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                        .limit(SHOWN).map(x -> Printable.escape(x.getKey()) + " " + x.getValue())
                        .collect(Collectors.joining(", ")) + ")";
            }
            err.println(line);
        }
    }
}
