package io.nhidrift.adapter;

import io.nhidrift.avro.UsageEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What one raw record became: normalized events, plus the parts that are well-formed but not
 * attributable to a credential (each with a reason), so nothing is dropped without a count.
 */
public record ParseResult(List<UsageEvent> events, List<String> skipped) {

    public static ParseResult of(UsageEvent event) {
        return new ParseResult(List.of(event), List.of());
    }

    public static ParseResult skip(String reason) {
        return new ParseResult(List.of(), List.of(reason));
    }

    /** Accumulates results of the events inside one multi-event record. */
    public static final class Builder {
        private final List<UsageEvent> events = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();

        public Builder add(ParseResult r) {
            events.addAll(r.events());
            skipped.addAll(r.skipped());
            return this;
        }

        public Builder event(UsageEvent e) {
            events.add(e);
            return this;
        }

        public Builder skip(String reason) {
            skipped.add(reason);
            return this;
        }

        public ParseResult build() {
            return new ParseResult(List.copyOf(events), List.copyOf(skipped));
        }
    }
}
