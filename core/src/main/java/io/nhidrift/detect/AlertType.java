package io.nhidrift.detect;

/**
 * The alert types of CONTRACT section 4, with their default severity and their mappings to the
 * OWASP Non-Human Identities Top 10 (2025) and MITRE ATT&amp;CK.
 */
public enum AlertType {
    OUT_OF_SCOPE_USE(Severity.HIGH, "NHI5:2025 Overprivileged NHI", "T1078.004 Valid Accounts: Cloud Accounts"),
    ENTITLEMENT_EXPANDED(Severity.MEDIUM, "NHI5:2025 Overprivileged NHI", "T1098.003 Account Manipulation: Additional Cloud Roles"),
    UNUSED_ENTITLEMENT(Severity.LOW, "NHI5:2025 Overprivileged NHI", "T1078.004 Valid Accounts: Cloud Accounts"),
    IDLE_CREDENTIAL(Severity.LOW, "NHI1:2025 Improper Offboarding", "T1078.004 Valid Accounts: Cloud Accounts"),
    DORMANT_REACTIVATED(Severity.MEDIUM, "NHI1:2025 Improper Offboarding", "T1078.004 Valid Accounts: Cloud Accounts"),
    NEW_CALLER(Severity.MEDIUM, "NHI2:2025 Secret Leakage", "T1550.001 Use Alternate Authentication Material: Application Access Token"),
    EXPIRED_CREDENTIAL_USE(Severity.HIGH, "NHI7:2025 Long-Lived Secrets", "T1078.004 Valid Accounts: Cloud Accounts"),
    REVOKED_CREDENTIAL_USE(Severity.CRITICAL, "NHI1:2025 Improper Offboarding", "T1078.004 Valid Accounts: Cloud Accounts"),
    ROTATION_OVERDUE(Severity.LOW, "NHI7:2025 Long-Lived Secrets", "T1552.001 Unsecured Credentials: Credentials In Files"),
    HUMAN_USE(Severity.HIGH, "NHI10:2025 Human Use of NHI", "T1078.004 Valid Accounts: Cloud Accounts"),
    UNKNOWN_CREDENTIAL(Severity.MEDIUM, "NHI1:2025 Improper Offboarding", "T1078.004 Valid Accounts: Cloud Accounts"),
    ACCESS_DENIED_BURST(Severity.HIGH, "NHI2:2025 Secret Leakage", "T1580 Cloud Infrastructure Discovery"),
    SESSION_CREDENTIAL_MOVED(Severity.HIGH, "NHI2:2025 Secret Leakage", "T1552.005 Unsecured Credentials: Cloud Instance Metadata API");

    private final Severity defaultSeverity;
    private final String owaspNhi;
    private final String mitreAttack;

    AlertType(Severity defaultSeverity, String owaspNhi, String mitreAttack) {
        this.defaultSeverity = defaultSeverity;
        this.owaspNhi = owaspNhi;
        this.mitreAttack = mitreAttack;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String owaspNhi() {
        return owaspNhi;
    }

    public String mitreAttack() {
        return mitreAttack;
    }
}
