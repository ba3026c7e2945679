package io.nhidrift.detect;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a detector reports about one input: which of its conditions hold and which ended. The
 * detector decides; the shared {@link AlertGate} alone turns that into alerts and suppression state
 * (an alert is not repeated while its condition persists), and only for an alert it emits does it
 * call the finding's builder, so summaries and evidence are never built to be dropped.
 *
 * <p>A condition is named by a string unique within the detector's type (an action, a facet, a
 * date); {@link #PER_CREDENTIAL} names the one condition of a type that holds at most once per
 * credential. The reporting detector's type is implied: a detector cannot touch another's conditions.
 *
 * <p>Within one input, the gate decides every {@code holds} against the conditions armed before the
 * input (a condition already armed is not news, even if the same input ends it), then applies the
 * ends, then arms the conditions it emitted alerts for. So the outcome does not depend on the order
 * in which detectors or their reports come.
 */
public interface Decisions {

    /** The name of a type's only condition per credential. */
    String PER_CREDENTIAL = "";

    /** {@code condition} holds: an alert, built by {@code finding}, unless it is armed already. */
    void holds(String condition, Supplier<Finding> finding);

    /** Conditions that hold together: one alert about those not armed yet, built from their names (in the order given). */
    void holdAll(Collection<String> conditions, Function<List<String>, Finding> finding);

    /** A one-off occurrence, not a lasting condition (a version change, a reactivation): always an alert. */
    void occurred(Supplier<Finding> finding);

    /** {@code condition} no longer holds: the next time it holds is news again. */
    void ended(String condition);

    /** No condition of the detector's type holds any more for this credential. */
    void endedAll();
}
