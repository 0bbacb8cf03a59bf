package dev.vernier.optimizer;

import dev.vernier.api.tuning.Metric;

import java.util.EnumMap;
import java.util.Map;

/**
 * The end of a session: the starting and the final configuration measured again, interleaved
 * (start, final, final, start, ...), each block after the settle time, so that drift common to both
 * cancels. This, not the best window of the search, is the session's headline. Immutable and
 * thread-safe; serialisable by Jackson.
 *
 * @param rounds block pairs measured with the tuning measurer
 * @param windows each metric of the tuning windows, final against start (95% two-sided intervals)
 * @param operatingPointRounds block pairs measured with the operating-point measurer; 0 when none
 * @param operatingPoint each metric at the operating point (the fixed rate both configurations can
 *     carry), final against start; empty without an operating-point measurer
 * @param note how it was obtained, in words
 */
public record Verification(int rounds, Map<Metric, Comparison> windows, int operatingPointRounds,
                           Map<Metric, Comparison> operatingPoint, String note) {

    /** Copies the maps. */
    public Verification {
        windows = windows.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(windows));
        operatingPoint = operatingPoint.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new EnumMap<>(operatingPoint));
    }

    /** @return the throughput comparison of the tuning windows, or null when throughput was not measured */
    public Comparison throughput() {
        return windows.get(Metric.THROUGHPUT);
    }
}
