package dev.vernier.optimizer;

/**
 * One step of a session's history. Immutable; serialisable by Jackson.
 *
 * @param index 0 for the baseline, then 1, 2, ...
 * @param proposal what was proposed, with its prediction and uncertainty
 * @param observation what was measured; null when the step failed before a measurement
 * @param relativeGain measured relative gain of the target over the best before this step (0.1 = 10%, sign-adjusted so
 *     that positive is better); NaN when not compared
 * @param gainLowerBound one-sided lower confidence bound of that gain (Welch t-interval); NaN when not compared
 * @param decision what was done
 * @param reason why, in words
 */
public record TuningStep(int index, Proposal proposal, Observation observation, double relativeGain,
                         double gainLowerBound, Decision decision, String reason) {
}
