package io.nhidrift.adapter;

import java.util.Locale;

/**
 * Why a well-formed record was not attributable to a credential, as a small stable category (the {@code reason} tag
 * of the per-reason skip counters, the {@code replay} "not attributable by reason" line). Adapters keep saying
 * why in their own words ({@link ParseResult#skipped()}); {@link #classify} maps those texts to a category.
 */
public enum SkipReason {
    /** Done by an AWS service on its own behalf ({@code AWSService}, {@code invokedBy}): no credential of yours. */
    AWS_SERVICE,
    /** An event without a principal or credential to attribute it to. */
    NO_PRINCIPAL,
    /** Not an event that is counted: a stage, category, class or marker the format does not count. */
    NOT_AN_EVENT,
    /** The record looks like another input format ({@link FormatFingerprint}). */
    WRONG_FORMAT,
    /** One item of a batch (array, {@code Records}, {@code logEvents}) that could not be read; its siblings went on. */
    MALFORMED,
    /** Anything else. */
    OTHER;

    /** The label users see and the metric tag: {@code aws-service}, {@code no-principal}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The category of an adapter's skip reason (texts as the adapters write them; never null). */
    public static SkipReason classify(String reason) {
        if (reason == null || reason.isEmpty()) {
            return OTHER;
        }
        if (reason.startsWith(FormatFingerprint.LOOKS_LIKE)) {
            return WRONG_FORMAT;
        }
        if (reason.startsWith("malformed record") || reason.startsWith("rejected item ") || reason.startsWith("logEvents[")) {
            return MALFORMED;
        }
        if (reason.contains("AWSService") || reason.contains("invoked by ")) {
            return AWS_SERVICE;
        }
        if (reason.contains("not counted") || reason.contains(" is not ") || reason.startsWith("not a ") || reason.contains("(not an ")
                || reason.startsWith("no class_uid") || reason.contains("control message")) {
            return NOT_AN_EVENT;
        }
        if (reason.startsWith("no ") || reason.contains(": no ") || reason.contains(" without ")) {
            return NO_PRINCIPAL;
        }
        return OTHER;
    }
}
