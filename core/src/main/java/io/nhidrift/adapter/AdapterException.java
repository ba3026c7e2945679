package io.nhidrift.adapter;

/** A raw record that cannot be normalized; the message is the reason shown in the dead-letter output. */
public final class AdapterException extends Exception {
    public AdapterException(String reason) {
        super(reason);
    }

    public AdapterException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
