package dev.vernier.core.internal.engine;

import dev.vernier.core.result.Outcomes;
import java.util.List;
import java.util.Map;

/**
 * What a {@link LoadRunner} recorded. Reader-side data; not thread-safe, not shared.
 *
 * @param plan the plan that ran
 * @param iterations measured iterations, in order
 * @param intervals throughput intervals of the measured iterations, in order
 * @param total everything of the measured window: exactly the transactions intended in it
 * @param scheduled transactions the measured window asked for (open: due by the schedule; closed:
 *     sent by the clients); equals {@code total.outcomes().total()} (the accounting identity)
 * @param lateCompletions completions that arrived after their transaction had timed out
 * @param timedOutAtEnd transactions still open when the run gave up
 * @param causes error counts by cause, measured window only; they add up to the errors
 * @param stuckThreads threads that did not return from the suite's submit
 * @param senders how the senders fared (submit times, client CPU)
 * @param elapsedNanos from the load's start to the end of the measured window, ns
 * @param endedEarly why the window ended before its plan (an abort), or null
 */
public record LoadOutput(LoadPlan plan, List<Iteration> iterations, List<Interval> intervals, Tally total,
                         long scheduled, long lateCompletions, long timedOutAtEnd, Map<String, Long> causes,
                         List<String> stuckThreads, Senders senders, long elapsedNanos, String endedEarly) {

    /** @return true when the outcomes add up to the schedule */
    public boolean accountingHolds() {
        return total.outcomes().total() == scheduled;
    }

    /**
     * One measured iteration.
     *
     * @param index from 0
     * @param durationNanos measured length
     * @param committedInWindow commits completed within the iteration's window (not the drain)
     * @param tally everything that ended during it (the last one includes the drain)
     */
    public record Iteration(int index, long durationNanos, long committedInWindow, Tally tally) {
    }

    /**
     * One throughput interval.
     *
     * @param iteration the iteration it belongs to
     * @param startNanos start, from the iteration's start
     * @param durationNanos length
     * @param targetRate rate in force, ops/s (NaN for closed)
     * @param figures what ended in it
     */
    public record Interval(int iteration, long startNanos, long durationNanos, double targetRate,
                           IntervalFigures figures) {
    }

    /**
     * Figures of one interval, kept instead of its histograms. Latencies are of every transaction
     * that ended in the interval (lower bounds for the unanswered ones), ms.
     *
     * @param outcomes outcome counts of what ended in the interval
     * @param meanMs mean
     * @param p50Ms median
     * @param p95Ms 95th percentile
     * @param p99Ms 99th percentile
     */
    public record IntervalFigures(Outcomes outcomes, double meanMs, double p50Ms, double p95Ms, double p99Ms) {

        /** @return the figures of {@code t} */
        static IntervalFigures of(Tally t) {
            org.HdrHistogram.AbstractHistogram h = t.latency();
            boolean empty = h.getTotalCount() == 0;
            return new IntervalFigures(t.outcomes(), empty ? Double.NaN : h.getMean() / 1e6,
                    empty ? Double.NaN : h.getValueAtPercentile(50) / 1e6,
                    empty ? Double.NaN : h.getValueAtPercentile(95) / 1e6,
                    empty ? Double.NaN : h.getValueAtPercentile(99) / 1e6);
        }
    }

    /**
     * How the senders fared: what the verdict on who limited the load reads.
     *
     * @param open true for the open model
     * @param maxSubmitNanos longest single {@code submit} call, ns
     * @param slowSubmits calls slower than the lag threshold
     * @param slowSubmitNanos their total time, ns
     * @param stuckInSubmit true when a sender was still inside {@code submit} when the run ended
     * @param clients closed-model clients (0 for open)
     * @param clientCpuNanos CPU time of the closed clients' threads, ns (0 for open)
     */
    public record Senders(boolean open, long maxSubmitNanos, long slowSubmits, long slowSubmitNanos,
                          boolean stuckInSubmit, int clients, long clientCpuNanos) {
    }
}
