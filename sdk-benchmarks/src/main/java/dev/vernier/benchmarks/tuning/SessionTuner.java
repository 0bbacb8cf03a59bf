package dev.vernier.benchmarks.tuning;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.optimizer.Decision;
import dev.vernier.optimizer.Measurement;
import dev.vernier.optimizer.Proposal;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.optimizer.TuningSession;
import dev.vernier.optimizer.TuningStep;
import dev.vernier.optimizer.internal.Calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vernier's tuning session on a simulated system: every block is {@code blockSlots} quarter windows
 * of the same budget, with the noise of that length (shorter blocks are noisier). Session defaults
 * except the budget, no warm-up (the simulation has no cold start) and no final verification (it
 * reports, it does not search; the peers have none either).
 */
final class SessionTuner {

    private static final Pattern FEATURES = Pattern.compile("radius ([-0-9.]+); P\\(pays\\) [0-9.]+ \\(model ([-0-9.]+),"
            + " gain ([-+0-9.]+), sd ([-0-9.]+), ([0-9]+) points, nearest ([-0-9.]+)\\)");

    /**
     * A model proposal: its shown confidence, what the models said about it, and whether it truly paid
     * (feasible, not past the cliff, at least 5% better than the incumbent of the time).
     */
    record Calibrated(double shown, Calibration.Features features, boolean paid) {
    }

    /** The session's result on one trial. */
    record Result(Configuration left, boolean falseKeep, List<Calibrated> calibration, TuningReport report) {
    }

    private SessionTuner() {
    }

    static Result run(Trial trial, long seed, int blockSlots) {
        return run(trial, seed, blockSlots, b -> { });
    }

    static Result run(Trial trial, long seed, int blockSlots, java.util.function.Consumer<TuningSession.Builder> tweak) {
        SimulatedSystem sys = trial.system;
        Live live = new Live(sys.space(), sys.start());
        TuningSession.Builder b = TuningSession.builder(live, c -> {
            Trial.Measured m = trial.measure(live.current, blockSlots);
            return Measurement.of(Map.of(Metric.THROUGHPUT, m.throughput(), Metric.P99_LATENCY_MS, m.p99()), List.of());
        }).objective(sys.objective()).maxWindows(budgetBlocks(trial, blockSlots)).warmupWindows(0).verifyRounds(0)
                .seed(seed).shutdownHook(false);
        tweak.accept(b);
        TuningReport r = b.build().run();
        boolean falseKeep = false;
        List<Calibrated> cal = new ArrayList<>();
        Configuration incumbent = sys.start();
        for (TuningStep s : r.steps()) {
            if (s.index() == 0 || s.observation() == null) {
                continue;
            }
            Configuration c = new Configuration(s.proposal().configuration());
            boolean paid = !sys.violates(c)
                    && sys.throughput().applyAsDouble(c) >= 1.05 * sys.throughput().applyAsDouble(incumbent);
            Proposal.Source src = s.proposal().source();
            if (src == Proposal.Source.MODEL || src == Proposal.Source.EXPLORATION) {
                Matcher m = FEATURES.matcher(s.proposal().rationale());
                if (!m.find()) {
                    throw new IllegalStateException("no features in " + s.proposal().rationale());
                }
                cal.add(new Calibrated(s.proposal().confidence(), new Calibration.Features(Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Integer.parseInt(m.group(5)),
                        Double.parseDouble(m.group(6)), Double.parseDouble(m.group(1))), paid));
            }
            if (s.decision() == Decision.KEEP) {
                boolean better = !sys.violates(c) && sys.throughput().applyAsDouble(c)
                        > sys.throughput().applyAsDouble(incumbent);
                falseKeep |= !better;
                incumbent = c;
            }
        }
        return new Result(new Configuration(r.finalConfiguration()), falseKeep, cal, r);
    }

    static int budgetBlocks(Trial trial, int blockSlots) {
        int blocks = 0;
        while (trial.fits((blocks + 1) * blockSlots)) {
            blocks++;
        }
        return blocks;
    }

    /** The simulated system's live configuration. */
    private static final class Live implements Tunable {
        private final ParameterSpace space;
        private Configuration current;

        Live(ParameterSpace space, Configuration start) {
            this.space = space;
            this.current = start;
        }

        @Override
        public ParameterSpace parameterSpace() {
            return space;
        }

        @Override
        public Configuration currentConfiguration() {
            return current;
        }

        @Override
        public void apply(Configuration changes) {
            current = space.validate(current.with(changes));
        }
    }
}
