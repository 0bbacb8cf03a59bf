package dev.vernier.examples;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.core.Vernier;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.optimizer.Comparison;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.optimizer.TuningSession;
import dev.vernier.optimizer.TuningStep;
import dev.vernier.optimizer.VernierMeasurer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How the examples tune the Raft cluster live: the batching knobs only (never the election timers),
 * measured in windows of a closed load of 64 clients (an open load that overwhelms the starting
 * configuration would leave a backlog that pollutes the next window), maximising throughput subject
 * to p99 at most 300 ms and at most 1% errors. Latency is compared at a fixed open rate both the
 * start and the tuned configuration can carry ({@link #OPERATING_RATE}), never from the closed-loop
 * windows, where it only mirrors throughput.
 */
public final class RaftTuning {

    /** The operating point: a fixed open rate, ops/s, that the starting configuration carries too. */
    public static final double OPERATING_RATE = 200;

    /** Maximise throughput, p99 at most 300 ms, errors at most 1%. */
    public static final Objective OBJECTIVE = Objective.maximize(Metric.THROUGHPUT)
            .atMost(Metric.P99_LATENCY_MS, 300).atMost(Metric.ERROR_RATE, 0.01);

    private RaftTuning() {
    }

    /** @return the load of one tuning window: 64 closed-loop clients writing 128-byte puts, after a 500 ms warm-up */
    public static Scenario windowLoad() {
        return Scenario.builder("tuning-window").load(LoadModel.closed(64)).warmup(Duration.ofMillis(500))
                .mix(TransactionMix.single("put", 128)).timeout(Duration.ofSeconds(2)).build();
    }

    /**
     * @param raft a running cluster
     * @param vernier measures the windows
     * @param maxWindows window budget of the search, baseline included (each comparison alternates
     *     windows of the incumbent and the candidate)
     * @param window length of one window
     * @param seed seed of the session's proposals
     * @param steps receives every step as it is decided
     * @return the session, ready to run
     */
    public static TuningSession session(RaftSuite raft, Vernier vernier, int maxWindows, Duration window, long seed,
                                        Consumer<TuningStep> steps) {
        return session(raft, vernier, maxWindows, window, seed, OPERATING_RATE, OBJECTIVE, steps);
    }

    /**
     * As {@link #session(RaftSuite, Vernier, int, Duration, long, Consumer)}, with the operating point
     * at {@code operatingRate} and another objective, e.g. {@code OBJECTIVE.notWorseAtOperatingPoint(
     * Metric.P99_LATENCY_MS, 0.25)}: throughput up, but p99 at the operating rate at most 25% worse
     * than at the start (checked, interleaved with the start, before every keep).
     *
     * @param operatingRate the fixed open rate, ops/s, at which latency is compared; the starting
     *     configuration must carry it
     * @param objective what to optimise
     */
    public static TuningSession session(RaftSuite raft, Vernier vernier, int maxWindows, Duration window, long seed,
                                        double operatingRate, Objective objective, Consumer<TuningStep> steps) {
        VernierMeasurer measurer = new VernierMeasurer(vernier, raft, windowLoad(), window, window.dividedBy(5),
                Metric.THROUGHPUT);
        VernierMeasurer operatingPoint = VernierMeasurer.throughput(vernier, raft, operatingRate, window,
                Duration.ofMillis(500));
        return TuningSession.builder(raft.restrictedTo("maxBatchSize", "pipelining", "maxInflightAppends"), measurer)
                .objective(objective).operatingPoint(operatingPoint).maxWindows(maxWindows)
                .settle(Duration.ofMillis(200)).seed(seed).listener(steps).build();
    }

    /**
     * @param report a finished session
     * @return the lines a script can read: the outcome, {@code Throughput gain: 3.42x (95% CI ...)}
     *     from the interleaved re-measurement of start and final, and
     *     {@code Latency reduction (p50 at 200 ops/s): 41%} ("n/a" when a figure could not be measured)
     */
    public static String summary(TuningReport report) {
        return summary(report, OPERATING_RATE);
    }

    /**
     * @param report a finished session
     * @param operatingRate the rate of its operating point, ops/s
     * @return as {@link #summary(TuningReport)}, naming that rate
     */
    public static String summary(TuningReport report, double operatingRate) {
        return "Outcome: " + report.outcome() + " (" + report.reason() + ")" + System.lineSeparator()
                + report.throughputGainLine() + System.lineSeparator()
                + String.format(Locale.ROOT, "Latency reduction (p50 at %.0f ops/s): ", operatingRate)
                + (report.p50ReductionPercent() == null ? "n/a"
                : String.format(Locale.ROOT, "%.0f%%", report.p50ReductionPercent()));
    }

    /**
     * @param objective an objective
     * @return it in words: {@code maximise THROUGHPUT with P99_LATENCY_MS <= 300.0ms, ERROR_RATE <= 0.01}
     */
    public static String describe(Objective objective) {
        java.util.List<Object> limits = new java.util.ArrayList<>(objective.constraints());
        limits.addAll(objective.operatingLimits());
        return (objective.maximize() ? "maximise " : "minimise ") + objective.target()
                + (limits.isEmpty() ? "" : " with " + limits.toString().replaceAll("^\\[|\\]$", ""));
    }

    /**
     * @param report a finished session
     * @param budget the window budget it was given
     * @return how and why it ended, e.g. {@code BUDGET_USED after 12 of 12 windows: the budget of 12 windows was used}
     */
    public static String ending(TuningReport report, int budget) {
        return report.outcome() + " after " + report.windows() + " of " + budget + " windows: " + report.reason()
                + (report.failure() == null ? "" : " (" + report.failure() + ")");
    }

    /** @return a listener printing one line per step */
    public static Consumer<TuningStep> printer(PrintStream out) {
        return s -> {
            String head = String.format(Locale.ROOT, "  step %2d %-11s %-55s %8.0f ops/s", s.index(),
                    s.proposal().source(), QuickStart.flat(s.proposal().configuration()),
                    s.observation() == null ? Double.NaN : s.observation().metric(Metric.THROUGHPUT));
            Comparison c = s.comparison();
            out.println(head + (c == null ? "" : String.format(Locale.ROOT, "  x%.2f of the incumbent (x%.2f-x%.2f,"
                    + " %d pair%s)", c.ratio(), c.ratioLow(), c.ratioHigh(), c.pairs(), c.pairs() == 1 ? "" : "s"))
                    + "  " + s.decision());
            if (s.index() > 0) {
                out.println("          " + s.reason());
            }
        };
    }
}
