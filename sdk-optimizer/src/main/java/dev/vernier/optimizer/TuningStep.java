package dev.vernier.optimizer;

/**
 * One step of a session's history: a proposal, compared with the incumbent in alternating blocks,
 * and what was decided. Immutable; serialisable by Jackson.
 *
 * @param index 0 for the baseline, then 1, 2, ...
 * @param proposal what was proposed, with its prediction and confidence
 * @param observation the proposal's blocks of this step, aggregated (metric means; one sample per
 *     block); null when the step failed before a block was measured
 * @param comparison the target metric, proposal against incumbent, on paired blocks (interval at the
 *     keep test's level); null for the baseline and for steps that ended before a complete pair
 * @param decision what was done
 * @param reason why, in words
 * @param windows measurement windows this step used (blocks of either configuration, and
 *     operating-point windows)
 */
public record TuningStep(int index, Proposal proposal, Observation observation, Comparison comparison,
                         Decision decision, String reason, int windows) {

    /** @return measured relative gain over the incumbent (positive is better), NaN when not compared */
    public double relativeGain() {
        return comparison == null ? Double.NaN : comparison.gain();
    }

    /** @return lower confidence bound of that gain at the keep test's level, NaN when not compared */
    public double gainLowerBound() {
        if (comparison == null) {
            return Double.NaN;
        }
        return comparison.metric().higherIsBetter() ? comparison.ratioLow() - 1 : 1 - comparison.ratioHigh();
    }
}
