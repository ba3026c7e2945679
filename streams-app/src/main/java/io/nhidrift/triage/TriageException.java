package io.nhidrift.triage;

/** A triage decision that cannot be used; the message says which field and why (it may quote the input). */
public final class TriageException extends RuntimeException {
    public TriageException(String message) {
        super(message);
    }
}
