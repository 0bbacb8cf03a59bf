package dev.vernier.optimizer;

import dev.vernier.core.event.TuningEvent;

import java.util.Locale;
import java.util.Objects;

/**
 * A tuning session decided a step (the baseline included). Immutable and thread-safe.
 *
 * @param suite the session's {@linkplain TuningSession.Builder#name name}
 * @param step the step
 */
public record StepDecided(String suite, TuningStep step) implements TuningEvent {

    /** @throws NullPointerException when a field is null */
    public StepDecided {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(step, "step");
    }

    /** @return e.g. {@code step 3 MODEL {maxBatchSize=16}: KEEP, gain +41.2% (lower bound +20.3%)} */
    @Override
    public String describe() {
        String gain = Double.isNaN(step.relativeGain()) ? ""
                : String.format(Locale.ROOT, ", gain %+.1f%% (lower bound %+.1f%%)", 100 * step.relativeGain(),
                100 * step.gainLowerBound());
        return "step " + step.index() + " " + step.proposal().source() + " " + step.proposal().configuration() + ": "
                + step.decision() + gain;
    }
}
