package io.nhidrift.identity;

/**
 * CONTRACT section 2a: every principal an event names is a machine identity (the subject of NHI alerts), a
 * person, or the provider acting for itself.
 */
public enum IdentityClass {
    MACHINE, HUMAN, PLATFORM;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Lower-case name, as shown in the query API and the replay report (the same object every call). */
    public String label() {
        return label;
    }
}
