package dev.vernier.core.internal.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticker's calendar: where the warm-up, each iteration, each throughput interval and each
 * snapshot begin and end, and the tallies that collect what ended in each. Iterations lie on a
 * fixed grid from the end of the warm-up (so the measured window is exactly the plan), unless a
 * sample count ends one earlier. Ticker thread only.
 */
final class Windows {

    private final LoadPlan plan;
    private final long start;
    final Tally snap;
    final Tally interval;
    private Tally iteration;
    final Tally total;
    final List<LoadOutput.Iteration> iterations = new ArrayList<>();
    final List<LoadOutput.Interval> intervals = new ArrayList<>();
    private final TxRecorder recorder;
    /** Current iteration, -1 during the warm-up. */
    int index;
    long iterationStart;
    private long iterationEnd;
    long lastSnap;
    long nextSnap;
    long intervalStart;
    private long intervalEnd;
    private boolean over;
    private long windowEnd;

    Windows(LoadPlan plan, long start, TxRecorder recorder) {
        this.plan = plan;
        this.start = start;
        this.recorder = recorder;
        this.snap = recorder.newAggregate();
        this.interval = recorder.newAggregate();
        this.iteration = recorder.newAggregate();
        this.total = recorder.newAggregate();
        this.index = plan.warmupNanos() > 0 ? -1 : 0;
        this.iterationStart = start;
        this.iterationEnd = index < 0 ? start + plan.warmupNanos() : start + plan.iterationNanos();
        this.lastSnap = start;
        this.nextSnap = start + plan.snapshotNanos();
        this.intervalStart = start;
        this.intervalEnd = index < 0 ? Long.MAX_VALUE : start + plan.intervalNanos();
        this.windowEnd = start + plan.plannedEndOffsetNanos();
    }

    /** @return time since the load started, ns */
    long elapsedNanos(long now) {
        return now - start;
    }

    /** @return true during the warm-up */
    boolean warmingUp() {
        return index < 0;
    }

    boolean snapshotDue(long now) {
        return now - nextSnap >= 0;
    }

    boolean intervalDue(long now) {
        return index >= 0 && now - intervalEnd >= 0;
    }

    /** @param pending harvested but not yet added to the periods */
    boolean iterationDue(long now, Tally pending) {
        return now - iterationEnd >= 0 || (index >= 0 && plan.latencySamples() > 0
                && iteration.totalOutcomes() + pending.totalOutcomes() >= plan.latencySamples());
    }

    /**
     * Adds what was harvested to every open period. Warm-up transactions only reach the warm-up
     * figures of a tally, so a measured transaction that ended before the ticker saw the warm-up end
     * still lands in the first iteration and the total.
     */
    void add(Tally delta) {
        snap.add(delta);
        interval.add(delta);
        iteration.add(delta);
        total.add(delta);
    }

    /**
     * Ends the snapshot period at {@code now} and starts the next one. A warm-up snapshot can hold
     * transactions of the measured window that ended before the ticker cut the warm-up (they are
     * measured by their intended start): those are carried into the next snapshot, so the measured
     * snapshots add up to the result.
     */
    void snapshotTaken(long now, boolean warmup) {
        if (warmup) {
            snap.resetWarmup();
        } else {
            snap.reset();
        }
        lastSnap = now;
        nextSnap = now + plan.snapshotNanos();
    }

    /** Ends the throughput interval at {@code now}, keeping its figures. */
    void cutInterval(long now, double targetRate) {
        intervals.add(new LoadOutput.Interval(index, intervalStart - iterationStart, now - intervalStart, targetRate,
                LoadOutput.IntervalFigures.of(interval)));
        interval.reset();
        intervalStart = now;
        intervalEnd = now + plan.intervalNanos();
    }

    /**
     * Ends the warm-up or the iteration at {@code now}.
     *
     * @return true when that was the last iteration (the measured window is over)
     */
    boolean cutIteration(long now) {
        if (index >= 0) {
            iterations.add(new LoadOutput.Iteration(index, now - iterationStart,
                    iteration.count(OutcomeKind.COMMITTED), iteration));
            iteration = recorder.newAggregate();
        }
        index++;
        if (index >= plan.iterations() || over) {
            over = true;
            windowEnd = now;
            return true;
        }
        // on the grid unless a sample count ended the iteration early
        long gridEnd = start + plan.warmupNanos() + (index + 1L) * plan.iterationNanos();
        iterationStart = now;
        iterationEnd = plan.latencySamples() > 0 ? now + plan.iterationNanos() : Math.max(gridEnd, now + 1);
        intervalStart = now;
        intervalEnd = now + plan.intervalNanos();
        return false;
    }

    /** Ends the measured window now (an abort): cuts the open interval and iteration. */
    void endNow(long now) {
        if (index >= 0) {
            cutInterval(now, Double.NaN);
        }
        over = true;
        cutIteration(now);
        windowEnd = now;
    }

    /** Adds the drain's harvest to the last iteration and the total. */
    void drained(Tally delta) {
        if (!iterations.isEmpty()) {
            iterations.get(iterations.size() - 1).tally().add(delta);
        }
        total.add(delta);
    }

    /** @return when the measured window ends (the plan's end, or earlier once it has ended) */
    long windowEnd() {
        return windowEnd;
    }

    /** @return the next boundary of any period */
    long nextBoundary() {
        return Math.min(iterationEnd, Math.min(nextSnap, intervalEnd));
    }
}
