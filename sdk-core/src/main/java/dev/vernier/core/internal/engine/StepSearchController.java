package dev.vernier.core.internal.engine;

import dev.vernier.api.LoadModel;

/**
 * The step search of the THROUGHPUT phase: after each throughput interval, raise the rate by the
 * increment while the interval's success share is above {@code raiseAbove}, lower it (not below
 * the smaller of 1 ops/s and the initial rate) below {@code lowerBelow}, else hold.
 *
 * <p>For steering, the success share counts the growth of the backlog (transactions sent in the
 * interval and still in flight at its end) as not yet successful, so a system that falls behind is
 * seen at once, before its transactions time out. The share reported in results counts only
 * transactions that ended. Ticker thread only.
 */
final class StepSearchController {

    private final LoadModel.StepSearch search;
    private final double floor;

    StepSearchController(LoadModel.StepSearch search) {
        this.search = search;
        this.floor = Math.min(1.0, search.initialOpsPerSecond());
    }

    /**
     * @param rate the rate in force during the interval, ops/s
     * @param interval what the interval recorded
     * @param backlogGrowth in-flight transactions at the interval's end minus at its start
     * @return the rate for the next interval, ops/s
     */
    double next(double rate, Tally interval, long backlogGrowth) {
        long committed = interval.count(OutcomeKind.COMMITTED);
        long seen = interval.totalOutcomes() + Math.max(0, backlogGrowth);
        if (seen == 0) {
            return rate; // nothing was offered (a parked generator at a low rate): no evidence either way
        }
        double success = (double) committed / seen;
        if (success > search.raiseAbove()) {
            return Math.min(search.maxOpsPerSecond(), rate + search.incrementOpsPerSecond());
        } else if (success < search.lowerBelow()) {
            return Math.max(floor, rate - search.incrementOpsPerSecond());
        }
        return rate;
    }
}
