package io.nhidrift.reliability;

import io.nhidrift.reliability.FaultInput.Round;

/**
 * A fault scenario: hooks called by {@link ReliabilitySuite} around each round of a run. Both run on the
 * harness thread; a hook that restarts the service leaves a healthy one behind.
 */
interface FaultCase {

    String name();

    /** One line for the report: what is done to the run. */
    String description();

    /** After the round's input is produced, before waiting for it to be processed: faults that strike mid-stream. */
    default void afterProduce(FaultRun run, Round round, FaultLog log) {
    }

    /** After the round is processed: faults between runs of the service (state directory deleted or damaged). */
    default void afterRound(FaultRun run, Round round, FaultLog log) {
    }
}
