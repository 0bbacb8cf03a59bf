package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Analyses a {@link ResourceSeries}: average, peak, p95, standard deviation and trend per metric
 * (counters as rates per second between consecutive samples), memory growth from the heap after
 * GC, the share of wall time in GC, and bottlenecks by {@link BottleneckRules}.
 *
 * <p>Immutable and thread-safe; one analyzer may serve any number of series.
 */
public final class ResourceAnalyzer {

    private static final double NANOS_PER_SECOND = 1e9;

    private final BottleneckRules rules;

    /** An analyzer with {@link BottleneckRules#defaults()}. */
    public ResourceAnalyzer() {
        this(BottleneckRules.defaults());
    }

    /** @param rules the bottleneck rules */
    public ResourceAnalyzer(BottleneckRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** @return the bottleneck rules */
    public BottleneckRules rules() {
        return rules;
    }

    /**
     * @param series the samples of a phase, oldest first
     * @return the analysis
     */
    public ResourceResult analyze(ResourceSeries series) {
        Objects.requireNonNull(series, "series");
        List<ResourceSample> samples = new ArrayList<>(series.samples());
        samples.sort(Comparator.comparingLong(ResourceSample::timestampNanos));
        long origin = samples.isEmpty() ? 0 : samples.get(0).timestampNanos();
        double durationMs = samples.size() < 2 ? 0
                : (samples.get(samples.size() - 1).timestampNanos() - origin) / 1e6;

        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.addAll(s.values().keySet()));

        Map<String, MetricStats> metrics = new TreeMap<>();
        for (String name : names) {
            MetricStats stats = stats(name, samples, origin);
            if (stats != null) {
                metrics.put(name, stats);
            }
        }

        MemoryGrowth growth = memoryGrowth(samples, origin);
        Double gcShare = gcTimeShare(samples);

        List<Bottleneck> bottlenecks = new ArrayList<>();
        for (ThresholdRule rule : rules.rules()) {
            MetricStats stats = metrics.get(rule.metric());
            if (stats == null) {
                continue;
            }
            double observed = rule.statistic().of(stats);
            if (observed > rule.threshold()) {
                String unit = stats.unit();
                bottlenecks.add(new Bottleneck(rule.metric(), rule.severity(), observed, rule.threshold(), unit,
                        String.format(Locale.ROOT, "%s %s %s is above the threshold %s",
                                rule.metric(), rule.statistic().name().toLowerCase(Locale.ROOT),
                                ResourceMetrics.format(observed, unit), ResourceMetrics.format(rule.threshold(), unit))));
            }
        }
        if (growth.leakSuspected()) {
            bottlenecks.add(new Bottleneck(ResourceMetrics.HEAP_AFTER_GC, rules.memoryGrowthSeverity(),
                    growth.slopeBytesPerSecond(), rules.memoryGrowthBytesPerSecond(), "bytes/s",
                    String.format(Locale.ROOT,
                            "heap after GC grows %s (95%% CI %s to %s, p = %.2g, %d collections), above the "
                                    + "threshold %s: memory leak suspected",
                            ResourceMetrics.format(growth.slopeBytesPerSecond(), "bytes/s"),
                            ResourceMetrics.format(growth.slopeCiLow95(), "bytes/s"),
                            ResourceMetrics.format(growth.slopeCiHigh95(), "bytes/s"),
                            growth.pValue(), growth.points(),
                            ResourceMetrics.format(rules.memoryGrowthBytesPerSecond(), "bytes/s"))));
        }
        bottlenecks.sort(Comparator.comparing(Bottleneck::severity));

        Set<String> absent = new TreeSet<>(ResourceMetrics.EXPECTED);
        absent.addAll(series.absentReasons().keySet());
        absent.removeAll(names);
        Map<String, String> reasons = new TreeMap<>(series.absentReasons());
        reasons.keySet().retainAll(absent);

        return new ResourceResult(ResourceResult.SCHEMA_VERSION, samples.size(), series.droppedSamples(),
                durationMs, series.intervalNanos() / 1e6, metrics, growth, gcShare, List.copyOf(bottlenecks),
                List.copyOf(absent), reasons, series.sourceFailures(), series.cost());
    }

    private static MetricStats stats(String name, List<ResourceSample> samples, long origin) {
        boolean counter = ResourceMetrics.isCounter(name);
        DescriptiveStatistics values = new DescriptiveStatistics();
        SimpleRegression trend = new SimpleRegression();
        ResourceSample previous = null;
        for (ResourceSample s : samples) {
            Double v;
            if (counter) {
                if (!s.has(name)) {
                    continue;
                }
                v = s.ratePerSecond(name, previous);
                previous = s;
            } else {
                v = s.get(name);
            }
            if (v == null || !Double.isFinite(v)) {
                continue;
            }
            values.addValue(v);
            trend.addData((s.timestampNanos() - origin) / NANOS_PER_SECOND, v);
        }
        long n = values.getN();
        if (n == 0) {
            return null;
        }
        double stddev = n > 1 ? values.getStandardDeviation() : 0.0;
        double slope = trend.getN() >= 2 ? trend.getSlope() : Double.NaN;
        return new MetricStats(ResourceMetrics.analysisUnit(name), n, values.getMean(), values.getMax(),
                values.getPercentile(95), stddev, Double.isFinite(slope) ? slope : null);
    }

    private MemoryGrowth memoryGrowth(List<ResourceSample> samples, long origin) {
        SimpleRegression regression = new SimpleRegression();
        Set<Long> times = new HashSet<>();
        for (ResourceSample s : samples) {
            Double v = s.get(ResourceMetrics.HEAP_AFTER_GC);
            if (v != null && times.add(s.timestampNanos())) {
                regression.addData((s.timestampNanos() - origin) / NANOS_PER_SECOND, v);
            }
        }
        int points = (int) regression.getN();
        if (points < 3) {
            return new MemoryGrowth(ResourceMetrics.HEAP_AFTER_GC, points, null, null, null, null, null, null,
                    false, "fewer than 3 samples after a GC; growth not assessed");
        }
        double slope = regression.getSlope();
        double stdErr = regression.getSlopeStdErr();
        double p = regression.getSignificance();
        double halfWidth;
        try {
            halfWidth = regression.getSlopeConfidenceInterval(0.05);
        } catch (MathIllegalArgumentException e) {
            halfWidth = Double.NaN;
        }
        double r2 = regression.getRSquare();
        Double low = finite(slope - halfWidth);
        Double high = finite(slope + halfWidth);
        boolean perfect = Double.isFinite(slope) && stdErr == 0.0;
        boolean significant = perfect || (Double.isFinite(p) && p < rules.significance());
        boolean leak = significant && slope > rules.memoryGrowthBytesPerSecond()
                && (perfect || (low != null && low > 0));
        return new MemoryGrowth(ResourceMetrics.HEAP_AFTER_GC, points, finite(slope), finite(stdErr), low, high,
                perfect ? Double.valueOf(0.0) : finite(p), finite(r2), leak, null);
    }

    private static Double gcTimeShare(List<ResourceSample> samples) {
        ResourceSample first = null;
        ResourceSample last = null;
        for (ResourceSample s : samples) {
            if (s.has(ResourceMetrics.GC_PAUSE_MS)) {
                if (first == null) {
                    first = s;
                }
                last = s;
            }
        }
        if (first == null || last == first) {
            return null;
        }
        double wallMs = (last.timestampNanos() - first.timestampNanos()) / 1e6;
        double gcMs = last.get(ResourceMetrics.GC_PAUSE_MS) - first.get(ResourceMetrics.GC_PAUSE_MS);
        if (wallMs <= 0 || gcMs < 0) {
            return null;
        }
        return gcMs / wallMs;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
