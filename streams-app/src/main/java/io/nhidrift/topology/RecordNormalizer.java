package io.nhidrift.topology;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.FormatFingerprint;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.SkipReason;
import io.nhidrift.avro.UsageEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One raw record of one format through its adapter and the {@link EdgeRules}: the events that may go on, the
 * rejection reason (one per raw record: unparseable, or which events broke the edge rules), and the parts not
 * attributable to a credential by {@link SkipReason}. The one normalization step shared by
 * {@link NormalizeProcessor} (live and topology replay) and the direct {@code replay} path, so both see the same
 * events and reasons. Never throws on input.
 */
public final class RecordNormalizer {

    private static final int MAX_REASONS = 3;

    private final LogAdapter adapter;
    private final EdgeRules rules;

    public RecordNormalizer(LogAdapter adapter, EdgeRules rules) {
        this.adapter = adapter;
        this.rules = rules;
    }

    public String format() {
        return adapter.format();
    }

    /**
     * What one raw record became. {@code rejection} is null when nothing was refused; {@code skipped} holds one
     * reason per part not attributable; when they are all there is and the record looks like another format,
     * {@code looksLike} names that format and every skipped part counts as {@link SkipReason#WRONG_FORMAT}.
     */
    public record Outcome(List<UsageEvent> events, String rejection, List<SkipReason> skipped, String looksLike) {
        static Outcome rejected(String reason) {
            return new Outcome(List.of(), reason, List.of(), null);
        }
    }

    public Outcome normalize(byte[] raw, long wallClock) {
        ParseResult result;
        try {
            result = adapter.parse(raw);
        } catch (AdapterException e) {
            return Outcome.rejected(withWrongFormat(e.getMessage(), raw));
        } catch (RuntimeException e) {
            return Outcome.rejected("adapter failure: " + e);
        }
        List<String> refused = new ArrayList<>();
        int n = result.events().size();
        List<UsageEvent> accepted = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UsageEvent event = result.events().get(i);
            String problem = rules.checkEvent(event, wallClock);
            if (problem != null) {
                refused.add(n == 1 ? problem : "event " + (i + 1) + " of " + n + ": " + problem);
            } else {
                accepted.add(event);
            }
        }
        String rejection = refused.isEmpty() ? null : reason(refused, n);
        return skipped(accepted, rejection, result, raw);
    }

    /**
     * Each skipped part under its {@link SkipReason}; a record that yielded nothing but skips and looks like
     * another format counts under {@link SkipReason#WRONG_FORMAT} (only such records are fingerprinted).
     */
    private Outcome skipped(List<UsageEvent> accepted, String rejection, ParseResult result, byte[] raw) {
        List<String> skipped = result.skipped();
        if (skipped.isEmpty()) {
            return new Outcome(accepted, rejection, List.of(), null);
        }
        String wrongFormat = result.events().isEmpty() ? FormatFingerprint.wrongFormat(raw, adapter.format()) : null;
        String looksLike = wrongFormat == null ? null : FormatFingerprint.looksLike(wrongFormat);
        List<SkipReason> reasons = new ArrayList<>(skipped.size());
        for (String reason : skipped) {
            reasons.add(wrongFormat != null ? SkipReason.WRONG_FORMAT : SkipReason.classify(reason));
        }
        return new Outcome(accepted, rejection, reasons, looksLike);
    }

    /** A rejection reason, with {@code (looks like <Y>, not <X>)} when the record looks like another format. */
    private String withWrongFormat(String reason, byte[] raw) {
        String wrongFormat = FormatFingerprint.wrongFormat(raw, adapter.format());
        return wrongFormat == null ? reason : reason + " (" + wrongFormat + ")";
    }

    /** One reason per raw record: what was refused; the other events of the record went on (said so). */
    private static String reason(List<String> refused, int events) {
        String shown = String.join("; ", refused.subList(0, Math.min(MAX_REASONS, refused.size())));
        String more = refused.size() > MAX_REASONS ? "; and " + (refused.size() - MAX_REASONS) + " more" : "";
        String rest = refused.size() < events ? " (the other " + (events - refused.size()) + " events were processed)" : "";
        return shown + more + rest;
    }
}
