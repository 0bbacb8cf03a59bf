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
import dev.vernier.core.stats.UslFitter;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
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
        UslFitter.Outcome usl = UslFitter.fit(measured);
        return new ScalabilityResult(scenario.load(), points, usl.fit(), usl.note());
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
}
