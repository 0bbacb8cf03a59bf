package dev.vernier.core.internal;

import java.util.List;
import java.util.Map;

/**
 * What a {@link LoadRun} recorded. Reader-side data; not thread-safe, not shared.
 *
 * @param plan the plan that ran
 * @param iterations measured iterations, in order
 * @param intervals throughput intervals of the measured iterations, in order
 * @param total everything measured (all iterations and the drain)
 * @param intendedSends sends the open schedule asked for (0 for the closed model)
 * @param lateCompletions completions that arrived after their transaction had timed out
 * @param timedOutAtEnd transactions still open when the drain ended
 * @param causes error counts by cause
 * @param stuckThreads threads that did not return from the suite's submit
 */
public record LoadOutput(LoadPlan plan, List<Iteration> iterations, List<Interval> intervals, Bucket total,
                         long intendedSends, long lateCompletions, long timedOutAtEnd, Map<String, Long> causes,
                         List<String> stuckThreads) {

    /**
     * One measured iteration.
     *
     * @param index from 0
     * @param durationNanos measured length
     * @param committedInWindow commits recorded within the iteration's window (not the drain)
     * @param bucket everything recorded for it (the last one includes the drain)
     */
    public record Iteration(int index, long durationNanos, long committedInWindow, Bucket bucket) {
    }

    /**
     * One throughput interval.
     *
     * @param iteration the iteration it belongs to
     * @param startNanos start, from the iteration's start
     * @param durationNanos length
     * @param targetRate rate in force, ops/s (NaN for closed)
     * @param stats its figures
     */
    public record Interval(int iteration, long startNanos, long durationNanos, double targetRate,
                           Summaries.IntervalStats stats) {
    }
}
