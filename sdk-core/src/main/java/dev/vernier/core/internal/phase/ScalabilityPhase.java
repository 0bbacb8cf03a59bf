package dev.vernier.core.internal.phase;

import dev.vernier.api.ClusterControl;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.core.VernierException;
import dev.vernier.core.internal.engine.LoadOutput;
import dev.vernier.core.internal.engine.LoadPlan;
import dev.vernier.core.result.Warning;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScalePoint;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.result.UslFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;
import org.apache.commons.math3.fitting.SimpleCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCALABILITY phase: resize the cluster through {@link ClusterControl} (each call under the hook
 * time limit), run the scenario's load at each size, fit the Universal Scalability Law, restore the
 * original size. Each size's latency is the merged histogram of every transaction at that size.
 * Stateless.
 */
public final class ScalabilityPhase {

    private static final Logger LOG = LoggerFactory.getLogger(ScalabilityPhase.class);

    private ScalabilityPhase() {
    }

    /**
     * @return the result; the cluster is back at its original size afterwards (best effort, logged)
     * @throws VernierException when a size is not supported or resizing fails
     */
    static ScalabilityResult run(RunContext run) {
        ProtocolSuite suite = run.suite;
        Scenario scenario = run.scenario;
        ClusterControl control = (ClusterControl) suite;
        List<Integer> sizes = scenario.clusterSizes().isEmpty() ? control.supportedSizes() : scenario.clusterSizes();
        for (int n : sizes) {
            if (!control.supportedSizes().contains(n)) {
                throw new VernierException("cluster size " + n + " is not supported by suite '" + suite.name()
                        + "'; supported: " + control.supportedSizes());
            }
        }
        int original = control.clusterSize();
        List<double[]> measured = new ArrayList<>();
        List<ThroughputResult> results = new ArrayList<>();
        List<double[]> latency = new ArrayList<>();
        try {
            for (int n : sizes) {
                if (run.control.aborted()) {
                    break;
                }
                resize(run, control, n);
                LoadOutput out = run.execute(LoadPlan.of(Phase.SCALABILITY, scenario, scenario.load(), 0).atNodes(n));
                ThroughputResult t = ThroughputPhase.result(out, scenario);
                AbstractHistogram merged = out.total().latency();
                boolean none = merged.getTotalCount() == 0;
                latency.add(new double[] {none ? Double.NaN : merged.getValueAtPercentile(50) / 1e6,
                    none ? Double.NaN : merged.getValueAtPercentile(99) / 1e6});
                results.add(t);
                measured.add(new double[] {n, headline(t, scenario.load())});
            }
        } finally {
            try {
                if (control.clusterSize() != original) {
                    resize(run, control, original);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not restore suite '{}' to {} nodes", suite.name(), original, e);
                run.warn(Warning.Kind.USER_CODE, Phase.SCALABILITY, "could not restore the cluster to " + original
                        + " nodes: " + e.getMessage());
            }
        }
        List<ScalePoint> points = new ArrayList<>();
        double perNodeBase = measured.isEmpty() ? 0 : measured.get(0)[1] / measured.get(0)[0];
        for (int i = 0; i < results.size(); i++) {
            ThroughputResult t = results.get(i);
            double x = measured.get(i)[1];
            points.add(new ScalePoint(sizes.get(i), x, latency.get(i)[0], latency.get(i)[1],
                    t.outcomes().errorRate(), perNodeBase > 0 ? x / (perNodeBase * sizes.get(i)) : Double.NaN,
                    t.generator()));
        }
        UslFit fit = null;
        String note = "";
        if (points.size() < 3) {
            note = "a Universal Scalability Law fit needs at least 3 sizes, measured " + points.size();
        } else {
            try {
                fit = fit(measured);
            } catch (RuntimeException e) {
                note = "the Universal Scalability Law fit did not converge: " + e.getMessage();
            }
        }
        return new ScalabilityResult(scenario.load(), points, fit, note);
    }

    private static void resize(RunContext run, ClusterControl control, int n) {
        try {
            UserCode.call("resize of " + run.suite.name() + " to " + n, run.limits.hook(), () -> {
                control.resize(n);
                return null;
            }, run.clock, run.threads);
        } catch (Exception e) {
            throw new VernierException("resizing suite '" + run.suite.name() + "' to " + n + " nodes failed: " + e, e);
        }
    }

    /** The optimal rate of a step search (the highest healthy one), the mean rate otherwise. */
    private static double headline(ThroughputResult t, LoadModel load) {
        return load instanceof LoadModel.StepSearch ? t.optimalOpsPerSecond() : t.averageOpsPerSecond();
    }

    /** The USL: X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)). */
    static final ParametricUnivariateFunction USL = new ParametricUnivariateFunction() {
        @Override
        public double value(double n, double... p) {
            return p[0] * n / (1 + p[1] * (n - 1) + p[2] * n * (n - 1));
        }

        @Override
        public double[] gradient(double n, double... p) {
            double d = 1 + p[1] * (n - 1) + p[2] * n * (n - 1);
            return new double[] {n / d, -p[0] * n * (n - 1) / (d * d), -p[0] * n * n * (n - 1) / (d * d)};
        }
    };

    /**
     * Fits the USL by least squares (Commons Math Levenberg-Marquardt).
     *
     * @param points {nodes, throughput} pairs, at least 3
     * @return the fit
     */
    static UslFit fit(List<double[]> points) {
        WeightedObservedPoints obs = new WeightedObservedPoints();
        points.forEach(p -> obs.add(p[0], p[1]));
        double[] first = points.get(0);
        double[] p = SimpleCurveFitter.create(USL, new double[] {first[1] / first[0], 0.01, 0.001})
                .withMaxIterations(10_000).fit(obs.toList());
        double mean = points.stream().mapToDouble(q -> q[1]).average().orElse(0);
        double ssRes = 0;
        double ssTot = 0;
        for (double[] q : points) {
            double e = q[1] - USL.value(q[0], p);
            ssRes += e * e;
            ssTot += (q[1] - mean) * (q[1] - mean);
        }
        double r2 = ssTot == 0 ? 1 : 1 - ssRes / ssTot;
        Double peak = p[2] > 0 && p[1] < 1 ? Math.sqrt((1 - p[1]) / p[2]) : null;
        String text;
        if (p[1] >= 1 || points.get(points.size() - 1)[1] < first[1]) {
            text = String.format(Locale.ROOT, "throughput falls as nodes are added from %d on: each node adds more"
                    + " coordination than capacity (contention %.3f, coherency %.4f), as when every write goes to"
                    + " every replica", (int) first[0], p[1], p[2]);
        } else if (peak != null && peak < points.get(points.size() - 1)[0]) {
            text = String.format(Locale.ROOT, "throughput peaks near %.1f nodes; adding nodes beyond that costs "
                    + "throughput (contention %.3f, coherency %.4f)", peak, p[1], p[2]);
        } else if (peak != null) {
            text = String.format(Locale.ROOT, "throughput keeps rising up to about %.1f nodes (contention %.3f, "
                    + "coherency %.4f)", peak, p[1], p[2]);
        } else {
            text = String.format(Locale.ROOT, "no peak within the model (contention %.3f, coherency %.4f)", p[1], p[2]);
        }
        return new UslFit(p[0], p[1], p[2], r2, peak, text);
    }
}
