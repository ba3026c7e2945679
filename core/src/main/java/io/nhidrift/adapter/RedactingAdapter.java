package io.nhidrift.adapter;

import io.nhidrift.avro.UsageEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one redaction pass every adapter's output goes through ({@link Adapters#create} wraps each adapter in it):
 * every string the normalized event keeps (action and its path segments, resource, user agent, error code, caller,
 * principal, attribute values) is passed through {@link Redactor#redactText}, identifiers (credential id, event id)
 * through {@link Redactor#redactIdentifier}; skip reasons and rejection reasons through {@link RejectionReason}.
 * Adapters may redact earlier (CloudTrail memoizes it); this pass is what guarantees it for all of them. A value
 * without a secret marker costs one scan and is kept as the same object.
 *
 * <p>A rejection keeps no cause: a parser's exception message quotes the input, secrets included.
 */
final class RedactingAdapter implements LogAdapter {

    private final LogAdapter delegate;

    RedactingAdapter(LogAdapter delegate) {
        this.delegate = delegate;
    }

    /** The adapter this one wraps. */
    LogAdapter delegate() {
        return delegate;
    }

    @Override
    public String format() {
        return delegate.format();
    }

    @Override
    public ParseResult parse(byte[] raw) throws AdapterException {
        ParseResult r;
        try {
            r = delegate.parse(raw);
        } catch (AdapterException e) {
            throw new AdapterException(RejectionReason.of(e.getMessage()));
        } catch (RuntimeException e) {
            throw new AdapterException(RejectionReason.of(format() + " adapter failure: " + e));
        }
        for (UsageEvent e : r.events()) {
            redact(e);
        }
        return r.skipped().isEmpty() ? r : new ParseResult(r.events(), reasons(r.skipped()));
    }

    /** Redacts one event in place. */
    static void redact(UsageEvent e) {
        e.setCredentialId(Redactor.redactIdentifier(e.getCredentialId()));
        e.setEventId(Redactor.redactIdentifier(e.getEventId()));
        e.setPrincipal(Redactor.redactText(e.getPrincipal()));
        e.setAction(Redactor.redactText(e.getAction()));
        e.setErrorCode(Redactor.redactText(e.getErrorCode()));
        e.setSourceIp(Redactor.redactText(e.getSourceIp()));
        e.setUserAgent(Redactor.redactText(e.getUserAgent()));
        e.setResource(Redactor.redactText(e.getResource()));
        Map<String, String> attributes = e.getAttributes();
        Map<String, String> redacted = null;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            String v = Redactor.redactText(a.getValue());
            if (v != a.getValue()) {
                if (redacted == null) {
                    redacted = new HashMap<>(attributes);
                }
                redacted.put(a.getKey(), v);
            }
        }
        if (redacted != null) {
            e.setAttributes(redacted);
        }
    }

    private static List<String> reasons(List<String> skipped) {
        List<String> out = new ArrayList<>(skipped.size());
        for (String s : skipped) {
            out.add(RejectionReason.of(s));
        }
        return List.copyOf(out);
    }
}
