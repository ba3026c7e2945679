package io.nhidrift.topology;

/**
 * Every processor, store and sink of the topology, named in one place. Renaming one orphans its
 * changelog: treat these as part of the deployed state.
 */
public final class Names {
    private Names() {}

    /** Per-credential usage state: credentialId -> CredentialState. */
    public static final String CREDENTIAL_STATE_STORE = "credential-state-store";
    /** Current entitlement per credential: credentialId -> Entitlement. */
    public static final String INVENTORY_STORE = "inventory-store";
    /** Time index of due time-based checks: [due(8) kind(1) credentialId] -> marker. */
    public static final String TIME_INDEX_STORE = "time-index-store";

    /** Emitted and suppressed alerts with status and triage history, and suppressions in force (io.nhidrift.triage.AlertKeys). */
    public static final String ALERT_STORE = "alert-store";

    public static final String SOURCE_EVENTS = "source-events";
    public static final String SOURCE_INVENTORY = "source-inventory";
    public static final String PARSE_INVENTORY = "parse-inventory";
    public static final String DETECT = "detect-drift";
    public static final String SINK_EVENTS = "sink-events";
    public static final String SINK_ALERTS_AVRO = "sink-alerts-avro";
    public static final String SINK_ALERTS_JSON = "sink-alerts-json";
    public static final String SINK_FINDINGS_OCSF = "sink-findings-ocsf";
    /** Keeps the alerts of teams with a topic of their own ({@code alerts.team-topics}). */
    public static final String ROUTE_TEAM_ALERTS = "route-team-alerts";
    public static final String SINK_TEAM_ALERTS = "sink-alerts-team";
    /** Dead letters of the inventory parser. */
    public static final String SINK_DEAD_LETTERS = "sink-dead-letters";
    /** Dead letters of the raw-log normalizers (a separate sink: the two live in different sub-topologies). */
    public static final String SINK_RAW_DEAD_LETTERS = "sink-dead-letters-raw";

    /** Triage decisions in ({@code nhi.triage}). */
    public static final String SOURCE_TRIAGE = "source-triage";
    /** Applies triage decisions to the alert store. */
    public static final String APPLY_TRIAGE = "apply-triage";
    /** Records every alert of detect-drift in the alert store and sends on those no suppression silences: the parent of the alert sinks. */
    public static final String RECORD_ALERTS = "record-alerts";
    /** Dead letters of the triage parser (malformed or inapplicable decisions). */
    public static final String SINK_TRIAGE_DEAD_LETTERS = "sink-dead-letters-triage";

    public static String sourceRaw(String format) {
        return "source-raw-" + format;
    }

    public static String normalize(String format) {
        return "normalize-" + format;
    }
}
