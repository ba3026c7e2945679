package io.nhidrift.ocsf;

/** nhi-drift's severities as OCSF {@code severity_id} and its caption; anything else is 99 Other with the value kept. */
record OcsfSeverity(int id, String caption) {

    static OcsfSeverity of(String severity) {
        if (severity == null) {
            return new OcsfSeverity(0, "Unknown");
        }
        return switch (severity) {
            case "INFO" -> new OcsfSeverity(1, "Informational");
            case "LOW" -> new OcsfSeverity(2, "Low");
            case "MEDIUM" -> new OcsfSeverity(3, "Medium");
            case "HIGH" -> new OcsfSeverity(4, "High");
            case "CRITICAL" -> new OcsfSeverity(5, "Critical");
            default -> new OcsfSeverity(99, severity);
        };
    }
}
