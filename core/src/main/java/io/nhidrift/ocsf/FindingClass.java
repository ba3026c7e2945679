package io.nhidrift.ocsf;

import io.nhidrift.detect.AlertType;

/**
 * The OCSF 1.8.0 finding class an alert is written as. Every alert is a Detection Finding except
 * {@code UNUSED_ENTITLEMENT}, which is the result of analysing an identity's grants against its use: an IAM
 * Analysis Finding with {@code permission_analysis_results} (docs/SIEM.md says why).
 */
enum FindingClass {
    DETECTION(2004, "Detection Finding"),
    IAM_ANALYSIS(2008, "IAM Analysis Finding");

    static final int CATEGORY_UID = 2;
    static final String CATEGORY_NAME = "Findings";
    static final int ACTIVITY_CREATE = 1;
    static final String ACTIVITY_CREATE_NAME = "Create";

    private final int uid;
    private final String caption;

    FindingClass(int uid, String caption) {
        this.uid = uid;
        this.caption = caption;
    }

    static FindingClass forAlertType(String type) {
        return AlertType.UNUSED_ENTITLEMENT.name().equals(type) ? IAM_ANALYSIS : DETECTION;
    }

    int uid() {
        return uid;
    }

    String caption() {
        return caption;
    }

    /** {@code class_uid * 100 + activity_id}, as the schema defines {@code type_uid}. */
    long typeUid() {
        return uid * 100L + ACTIVITY_CREATE;
    }

    String typeName() {
        return caption + ": " + ACTIVITY_CREATE_NAME;
    }
}
