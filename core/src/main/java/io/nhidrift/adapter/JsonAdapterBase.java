package io.nhidrift.adapter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Common frame of the JSON adapters: parse once with {@link Json#parse}, normalize, and turn anything
 * unexpected into an {@link AdapterException} with a reason, so nothing else ever escapes.
 */
public abstract class JsonAdapterBase implements LogAdapter {

    @Override
    public final ParseResult parse(byte[] raw) throws AdapterException {
        JsonNode root = Json.parse(raw);
        try {
            return normalize(root, raw);
        } catch (AdapterException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AdapterException(format() + " record could not be normalized: " + e.getClass().getSimpleName()
                    + ": " + Json.firstLine(e.getMessage()), e);
        }
    }

    /** Normalizes an already parsed record; {@code raw} is only for content hashes. */
    protected abstract ParseResult normalize(JsonNode root, byte[] raw) throws AdapterException;

    /**
     * Normalizes every element of a batch (an EventList, an Event Hub {@code records} array): an element that
     * fails is reported in the skipped list with its reason (prefixed "rejected"), so its siblings still count.
     */
    protected interface Item {
        ParseResult apply(JsonNode item, java.util.function.Supplier<String> fallbackId) throws AdapterException;
    }

    protected static ParseResult each(JsonNode array, Item item) {
        ParseResult.Builder b = new ParseResult.Builder();
        int i = 0;
        for (JsonNode n : array) {
            try {
                if (!n.isObject()) {
                    b.skip("rejected item " + i + ": not a JSON object");
                } else {
                    b.add(item.apply(n, () -> Events.contentId(n.toString())));
                }
            } catch (AdapterException e) {
                b.skip("rejected item " + i + ": " + e.getMessage());
            } catch (RuntimeException e) {
                b.skip("rejected item " + i + ": " + e.getClass().getSimpleName() + ": " + Json.firstLine(e.getMessage()));
            }
            i++;
        }
        return b.build();
    }

    /** Ensures the root is an object. */
    protected static JsonNode requireObject(JsonNode root, String what) throws AdapterException {
        if (!root.isObject()) {
            throw new AdapterException("expected a JSON object (" + what + "), got " + root.getNodeType());
        }
        return root;
    }
}
