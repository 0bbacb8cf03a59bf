package dev.vernier.core.report;

import dev.vernier.core.result.IterationSummary;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Percentile;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that a result read from a file holds what statistics and reports rely on: names present,
 * counts not negative, rates finite and not negative, latencies not negative (NaN only where
 * nothing committed), percentile keys like {@code p99.9}. Reports every problem at once, each with
 * its path ({@code throughput.iterations[2].outcomes}). Stateless and thread-safe.
 */
final class ResultValidator {

    private final List<String> problems = new ArrayList<>();

    private ResultValidator() {
    }

    /** @return every problem found, empty when the result is valid */
    static List<String> problems(ScenarioResult r) {
        ResultValidator v = new ResultValidator();
        v.result(r);
        return v.problems;
    }

    private void result(ScenarioResult r) {
        notNull("suite", r.suite());
        notNull("scenario", r.scenario());
        finiteNotNegative("elapsedSeconds", r.elapsedSeconds());
        if (r.throughput() == null && r.latency() == null && r.scalability() == null && r.faultTolerance() == null
                && r.resources() == null) {
            problems.add("a result must have at least one phase (throughput, latency, resources, scalability or"
                    + " faultTolerance), but all were missing");
        }
        if (r.throughput() != null) {
            throughput("throughput", r.throughput());
        }
        if (r.latency() != null) {
            latency("latency", r.latency());
        }
    }

    private void throughput(String path, ThroughputResult t) {
        for (int i = 0; i < t.intervals().size(); i++) {
            interval(path + ".intervals[" + i + "]", t.intervals().get(i));
        }
        iterations(path + ".iterations", t.iterations());
        outcomes(path + ".outcomes", t.outcomes());
    }

    private void latency(String path, LatencyResult l) {
        if (notNull(path + ".overall", l.overall())) {
            summary(path + ".overall", l.overall());
        }
        iterations(path + ".iterations", l.iterations());
        outcomes(path + ".outcomes", l.outcomes());
    }

    private void interval(String path, ThroughputInterval i) {
        if (i == null) {
            problems.add(path + " must not be null, but was null");
            return;
        }
        finiteNotNegative(path + ".durationSeconds", i.durationSeconds());
        finiteNotNegative(path + ".achievedOpsPerSecond", i.achievedOpsPerSecond());
        outcomes(path + ".outcomes", i.outcomes());
        latencyValue(path + ".meanMs", i.meanMs());
        latencyValue(path + ".p50Ms", i.p50Ms());
        latencyValue(path + ".p95Ms", i.p95Ms());
        latencyValue(path + ".p99Ms", i.p99Ms());
    }

    private void iterations(String path, List<IterationSummary> its) {
        for (int i = 0; i < its.size(); i++) {
            IterationSummary it = its.get(i);
            String p = path + "[" + i + "]";
            if (it == null) {
                problems.add(p + " must not be null, but was null");
                continue;
            }
            finiteNotNegative(p + ".durationSeconds", it.durationSeconds());
            finiteNotNegative(p + ".throughputOpsPerSecond", it.throughputOpsPerSecond());
            outcomes(p + ".outcomes", it.outcomes());
            if (it.latency() != null) {
                summary(p + ".latency", it.latency());
            }
        }
    }

    private void summary(String path, LatencySummary s) {
        if (s.count() < 0) {
            problems.add(path + ".count must be at least 0, but was " + s.count());
        }
        boolean some = s.count() > 0;
        value(path + ".meanMs", s.meanMs(), some);
        if (s.percentiles() == null) {
            problems.add(path + ".percentiles must be a list, but was null");
            return;
        }
        for (int i = 0; i < s.percentiles().size(); i++) {
            Percentile p = s.percentiles().get(i);
            if (p == null) {
                problems.add(path + ".percentiles[" + i + "] must not be null");
            } else {
                value(path + ".percentiles[" + i + "].valueMs", p.valueMs(), some);
            }
        }
    }

    /** A latency of a summary: a non-negative number when anything was recorded, else NaN allowed. */
    private void value(String path, double v, boolean recorded) {
        if (recorded ? !(v >= 0) || Double.isInfinite(v) : !(Double.isNaN(v) || (v >= 0 && !Double.isInfinite(v)))) {
            problems.add(path + " must be a number >= 0" + (recorded ? " when count > 0" : " or NaN") + ", but was "
                    + v);
        }
    }

    private void latencyValue(String path, double v) {
        if (!(Double.isNaN(v) || (v >= 0 && !Double.isInfinite(v)))) {
            problems.add(path + " must be a number >= 0 or NaN, but was " + v);
        }
    }

    private void outcomes(String path, Outcomes o) {
        if (!notNull(path, o)) {
            return;
        }
        long[] counts = {o.committed(), o.rejected(), o.failed(), o.timedOut(), o.submitErrors(), o.refused()};
        String[] names = {"committed", "rejected", "failed", "timedOut", "submitErrors", "refused"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                problems.add(path + "." + names[i] + " must be at least 0, but was " + counts[i]);
            }
        }
        if (o.total() < 0) {
            problems.add(path + " must add up to at most " + Long.MAX_VALUE + ", but overflowed");
        }
    }

    private boolean notNull(String path, Object value) {
        if (value == null) {
            problems.add(path + " must not be null, but was null (missing?)");
            return false;
        }
        return true;
    }

    private void finiteNotNegative(String path, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            problems.add(path + " must be a finite number >= 0, but was " + v);
        }
    }
}
