package dev.vernier.core.internal;

import dev.vernier.api.ClusterControl;
import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.VernierException;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScalePoint;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.stats.UslFitter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCALABILITY phase: resize the cluster through {@link ClusterControl}, run the scenario's load
 * at each size, fit the Universal Scalability Law, restore the original size. Stateless.
 */
public final class ScalabilityPhase {

    private static final Logger LOG = LoggerFactory.getLogger(ScalabilityPhase.class);

    private ScalabilityPhase() {
    }

    /**
     * @return the result; the cluster is back at its original size afterwards (best effort, logged)
     * @throws VernierException when a size is not supported or resizing fails
     */
    public static ScalabilityResult run(ProtocolSuite suite, Scenario scenario, NanoClock clock,
                                        Consumer<IntervalSnapshot> snapshots, Phases.Hooks hooks) {
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
        try {
            for (int n : sizes) {
                resize(control, suite, n);
                ThroughputResult t = Phases.throughputResult(Phases.execute(new LoadRun(suite,
                        LoadPlan.of(Phase.SCALABILITY, scenario, scenario.load(), 0).atNodes(n), clock, snapshots), hooks),
                        scenario);
                results.add(t);
                measured.add(new double[] {n, headline(t, scenario.load())});
            }
        } finally {
            if (control.clusterSize() != original) {
                try {
                    control.resize(original);
                } catch (Exception e) {
                    LOG.warn("could not restore suite '{}' to {} nodes", suite.name(), original, e);
                }
            }
        }
        List<ScalePoint> points = new ArrayList<>();
        double perNodeBase = measured.get(0)[1] / measured.get(0)[0];
        for (int i = 0; i < sizes.size(); i++) {
            ThroughputResult t = results.get(i);
            double x = measured.get(i)[1];
            points.add(new ScalePoint(sizes.get(i), x, median(t.intervals(), true), median(t.intervals(), false),
                    t.outcomes().errorRate(), perNodeBase > 0 ? x / (perNodeBase * sizes.get(i)) : Double.NaN,
                    t.generator()));
        }
        UslFitter.Outcome usl = UslFitter.fit(measured);
        return new ScalabilityResult(scenario.load(), points, usl.fit(), usl.note());
    }

    private static void resize(ClusterControl control, ProtocolSuite suite, int n) {
        try {
            control.resize(n);
        } catch (Exception e) {
            throw new VernierException("resizing suite '" + suite.name() + "' to " + n + " nodes failed: " + e, e);
        }
    }

    /** The optimal rate of a step search (the highest healthy one), the mean rate otherwise. */
    private static double headline(ThroughputResult t, LoadModel load) {
        return load instanceof LoadModel.StepSearch ? t.optimalOpsPerSecond() : t.averageOpsPerSecond();
    }

    private static double median(List<ThroughputInterval> intervals, boolean p50) {
        double[] v = intervals.stream().mapToDouble(i -> p50 ? i.p50Ms() : i.p99Ms()).filter(d -> !Double.isNaN(d))
                .toArray();
        return v.length == 0 ? Double.NaN : new Median().evaluate(v);
    }
}
