package dev.vernier.optimizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration proposed for the next window. Immutable; serialisable by Jackson.
 *
 * @param configuration the full configuration to apply
 * @param source where it came from
 * @param confidence probability that it improves on the current best (model), or the rule's
 *     confidence (advisor); NaN for initial design points, which are applied regardless
 * @param expectedGain expected relative gain of the target metric over the current best (0.1 = 10%); NaN when unknown
 * @param predictedMean the surrogate's predicted target value (target unit); NaN when none
 * @param predictedStdDev the surrogate's uncertainty (target unit); NaN when none
 * @param rationale why it was proposed
 */
public record Proposal(Map<String, Object> configuration, Source source, double confidence, double expectedGain,
                       double predictedMean, double predictedStdDev, String rationale) {

    /** Copies the configuration. */
    public Proposal {
        configuration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    }

    /** Where a proposal came from. */
    public enum Source {
        /** The starting configuration, measured as the baseline. */
        BASELINE,
        /** A space-filling (Latin hypercube) point of the initial design. */
        INITIAL_DESIGN,
        /** A rule-based advisor (throughput degradation, tail latency, resource pressure). */
        ADVISOR,
        /** Expected improvement on the surrogate model. */
        MODEL
    }
}
