package io.nhidrift.adapter;

import io.nhidrift.json.RecordException;

/** A raw record that an adapter cannot normalize; the message is the reason shown in the dead-letter output. */
public final class AdapterException extends RecordException {
    public AdapterException(String reason) {
        super(reason);
    }

    public AdapterException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The same reason (and cause) as an adapter's failure. */
    static AdapterException of(RecordException e) {
        return e instanceof AdapterException a ? a : new AdapterException(e.getMessage(), e.getCause());
    }
}
