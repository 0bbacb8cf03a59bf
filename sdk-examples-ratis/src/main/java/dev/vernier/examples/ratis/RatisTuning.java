package dev.vernier.examples.ratis;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.TransactionMix;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.core.Vernier;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.optimizer.TuningSession;
import dev.vernier.optimizer.TuningStep;
import dev.vernier.optimizer.VernierMeasurer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Tunes a real Apache Ratis group live, as a user of a Raft library nobody here wrote would:
 * starting from one entry per AppendEntries RPC, the session tunes the log appender's element
 * limit (applied live by a leadership transfer; the byte limit, 64 KiB and more, never binds 64-byte
 * entries, and the write buffer needs a restart), maximising throughput under a closed load of 32
 * clients with at most 1% errors. The safe step is the whole (log-scaled) range: one-second windows
 * of Ratis on a shared 2-core machine differ by up to 2x, and a step from 1 to 4 entries, the
 * default half-range step's first proposal, did not show significantly in 12 windows. The
 * printed gain is the session's verified headline: the start and the final configuration measured
 * again in interleaved pairs at the end.
 *
 * <p>Run: {@code mvn -q -pl sdk-examples-ratis -am compile exec:java
 * -Dexec.mainClass=dev.vernier.examples.ratis.RatisTuning} (about a minute). Optional argument: the
 * window budget (default 10).
 */
public final class RatisTuning {

    /** Maximise throughput with at most 1% errors. */
    public static final Objective OBJECTIVE = Objective.maximize(Metric.THROUGHPUT).atMost(Metric.ERROR_RATE, 0.01);

    /**
     * Wait after each change before its window: a change transfers leadership, and the client's
     * requests in flight then may stall for a second or more (with 500 ms, windows of the start
     * measured 0 ops/s right after a change).
     */
    public static final Duration SETTLE = Duration.ofMillis(1500);

    private RatisTuning() {
    }

    /** @return one tuning window's load: 32 closed-loop clients writing 64-byte entries, after a 500 ms warm-up */
    public static Scenario windowLoad() {
        return Scenario.builder("ratis-tuning-window").load(LoadModel.closed(32)).warmup(Duration.ofMillis(500))
                .mix(TransactionMix.single("write", 64)).timeout(Duration.ofSeconds(5)).build();
    }

    /**
     * @param suite a running group
     * @param vernier measures the windows
     * @param maxWindows window budget of the search, baseline included
     * @param window length of one window
     * @param steps receives every step as it is decided
     * @return the session over the batching limits, ready to run
     */
    public static TuningSession session(RatisSuite suite, Vernier vernier, int maxWindows, Duration window,
                                        Consumer<TuningStep> steps) {
        VernierMeasurer measurer = new VernierMeasurer(vernier, suite, windowLoad(), window, window.dividedBy(5),
                Metric.THROUGHPUT);
        return TuningSession.builder(suite.restrictedTo(RatisSuite.ELEMENT_LIMIT), measurer)
                .objective(OBJECTIVE).maxWindows(maxWindows).maxStep(1.0).settle(SETTLE).seed(1)
                .name("ratis")
                .listener(steps).build();
    }

    /** @param args optional: window budget (default 10) */
    public static void main(String[] args) throws Exception {
        int budget = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        RatisSuite suite = RatisSuite.builder().initialConfiguration(Configuration.of(RatisSuite.ELEMENT_LIMIT, 1))
                .build();
        suite.setup(new SuiteContext(1, NanoClock.system(), "ratis-tuning"));
        try (Vernier vernier = Vernier.builder().build()) {
            System.out.println("Tuning Apache Ratis (3 servers in this JVM) from " + suite.currentConfiguration()
                    + ": maximise throughput, errors <= 1%, " + budget + " windows of 1 s");
            TuningReport report = session(suite, vernier, budget, Duration.ofSeconds(1), s -> System.out.println(
                    String.format(Locale.ROOT, "  step %2d %-11s %-62s %7.0f ops/s  %s", s.index(),
                            s.proposal().source(), s.proposal().configuration(),
                            s.observation() == null ? Double.NaN : s.observation().metric(Metric.THROUGHPUT),
                            s.decision()))).run();
            System.out.println("Session ended: " + report.outcome() + " after " + report.windows() + " of " + budget
                    + " windows (" + report.reason() + ")");
            System.out.println("Kept: " + report.finalConfiguration());
            System.out.println(report.throughputGainLine());
        } finally {
            suite.teardown();
        }
    }
}
