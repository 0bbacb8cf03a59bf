package dev.vernier.optimizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration proposed for the next comparison. Immutable; serialisable by Jackson.
 *
 * @param configuration the full configuration to apply
 * @param source where it came from
 * @param confidence calibrated probability that the change pays: it respects the constraints and
 *     improves the objective by at least the keep threshold (model and exploration proposals); the
 *     rule's own confidence (advisor); NaN for the baseline and initial design points, which are
 *     applied regardless
 * @param expectedGain predicted relative gain of the target metric over the incumbent (0.1 = 10%,
 *     positive is better); NaN when unknown
 * @param predictedMean the surrogate's predicted target value (target unit); NaN when none
 * @param predictedStdDev the surrogate's uncertainty of that value (target unit); NaN when none
 * @param probabilityFeasible the model's probability that the constraints hold and the system does
 *     not collapse there, in [0, 1]; NaN when not modelled
 * @param rationale why it was proposed
 */
public record Proposal(Map<String, Object> configuration, Source source, double confidence, double expectedGain,
                       double predictedMean, double predictedStdDev, double probabilityFeasible, String rationale) {

    /** Copies the configuration. */
    public Proposal {
        configuration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    }

    /** Where a proposal came from. */
    public enum Source {
        /** The starting configuration, measured as the baseline. */
        BASELINE,
        /** A space-filling (Latin hypercube) point of the initial design, within the trust region. */
        INITIAL_DESIGN,
        /** A rule-based advisor keyed on parameter roles (throughput degradation, tail latency, resource pressure). */
        ADVISOR,
        /** Constrained expected improvement on the surrogate models, at or above the confidence threshold. */
        MODEL,
        /**
         * The proposal chosen (the best constrained expected improvement within the trust region) is
         * below the confidence threshold: it is measured anyway, to learn (labelled, never silent).
         */
        EXPLORATION
    }
}
