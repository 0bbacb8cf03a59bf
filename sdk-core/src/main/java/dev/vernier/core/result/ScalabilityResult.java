package dev.vernier.core.result;

import dev.vernier.api.LoadModel;
import java.util.List;

/**
 * The SCALABILITY phase: the scenario's load at several cluster sizes, and the Universal
 * Scalability Law fitted to it. Immutable and thread-safe.
 *
 * @param load the load model the phase ran
 * @param points one per size, ascending
 * @param fit the fit (constrained to the law's range, with its uncertainty), or null with fewer than
 *     three sizes or when it failed
 * @param note why there is no fit, or why not to trust it (too few sizes), or an empty string
 */
public record ScalabilityResult(LoadModel load, List<ScalePoint> points, UslFit fit, String note) {

    /** Copies the list. */
    public ScalabilityResult {
        points = List.copyOf(points);
    }
}
