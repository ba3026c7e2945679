package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;

/**
 * A successful use past {@code createdAt + rotationDays}; once per credential version: the condition
 * is named by createdAt and rotationDays, so a rotation (a new createdAt) is a new condition.
 */
public final class RotationOverdueDetector implements EventDetector {

    private static final long DAY = 86_400_000L;

    @Override
    public AlertType type() {
        return AlertType.ROTATION_OVERDUE;
    }

    @Override
    public String description() {
        return "The credential is still in use past createdAt + rotationDays; once until it is rotated (a new createdAt).";
    }

    @Override
    public String remediation() {
        return "Rotate the credential (issue a new one, move callers, delete the old one) and record the new createdAt in the inventory.";
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        if (!ctx.knownUse()) {
            return;
        }
        Long created = ctx.entitlement().getCreatedAt();
        Integer days = ctx.entitlement().getRotationDays();
        if (created != null && days != null && ctx.time() > created + days * DAY) {
            out.holds(created + "|" + days, () -> finding(ctx, created, days));
        }
    }

    private Finding finding(EventContext ctx, long created, int days) {
        long due = created + days * DAY;
        String summary = "Credential " + ctx.event().getCredentialId() + " is still in use " + Findings.days(ctx.time() - created)
                + " after its creation; it was due for rotation every " + days + " days (since " + Findings.iso(due) + ").";
        return Findings.onEvent(ctx, type(), null, summary,
                Findings.evidence("createdAt", Findings.iso(created), "rotationDays", days, "rotationDue", Findings.iso(due)));
    }
}
