package dev.vernier.core.stats;

/** Outcome of comparing one figure of a candidate with a baseline. */
public enum Verdict {
    /** Significantly better by at least the practical threshold. */
    IMPROVED,
    /** Significantly worse by at least the practical threshold. */
    REGRESSED,
    /** Neither significant nor practically relevant, in either direction. */
    UNCHANGED
}
