package io.nhidrift.adapter;

/**
 * Turns one raw record of one input format into normalized usage events.
 *
 * <p>One implementation per format; nothing downstream knows where an event came from. An adapter
 * never throws anything but {@link AdapterException}: whatever it cannot read becomes a reason.
 */
public interface LogAdapter {

    /** The format name users type, e.g. {@code cloudtrail} (CONTRACT section 2). */
    String format();

    /**
     * Normalizes one raw record. A record may hold several events (an S3-delivery file) or none
     * that can be attributed to a credential (an {@code AWSService} event): those are reported in
     * {@link ParseResult#skipped()} with their reason, never dropped silently.
     *
     * @throws AdapterException when the record cannot be parsed at all
     */
    ParseResult parse(byte[] raw) throws AdapterException;
}
