package io.nhidrift.json;

/**
 * A record that cannot be read (unreadable JSON, over a limit, missing what its format requires); the message is
 * the reason shown in the dead-letter output and in {@code replay}'s report.
 */
public class RecordException extends Exception {

    public RecordException(String reason) {
        super(reason);
    }

    public RecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
