package dev.vernier.optimizer;

import dev.vernier.core.event.TuningEvent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A tuning session found that its load, not the configuration, may have set the figures of some
 * windows of a step (see {@link Measurement#loadLimit()}): the step's decision then says less about
 * the configurations than it seems. Raised once per step (or verification) that had such a window.
 * Immutable and thread-safe.
 *
 * @param suite the session's {@linkplain TuningSession.Builder#name name}
 * @param step the step's index (0 = baseline), or -1 for the final verification
 * @param configuration the candidate of the step (the start for the baseline)
 * @param limitedBlocks windows of the step whose load limited them
 * @param blocks windows of the step measured by the tuning measurer
 * @param verdict the first such window's verdict, in words
 */
public record LoadLimited(String suite, int step, Map<String, Object> configuration, int limitedBlocks, int blocks,
                          String verdict) implements TuningEvent {

    /** Copies the configuration. @throws NullPointerException when a field is null */
    public LoadLimited {
        Objects.requireNonNull(suite, "suite");
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        Objects.requireNonNull(verdict, "verdict");
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s: the load limited %d of %d windows: %s",
                step < 0 ? "verification" : "step " + step, limitedBlocks, blocks, verdict);
    }
}
