package io.nhidrift.detect;

/** What every detection declares about itself: its alert type, what it means and what to do. */
public interface Detector {

    AlertType type();

    /** When it fires, in one sentence (README "Detections" table). */
    String description();

    /** What the credential owner or the SOC should do about it. */
    String remediation();
}
