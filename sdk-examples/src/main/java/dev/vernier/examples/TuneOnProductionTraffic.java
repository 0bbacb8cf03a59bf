package dev.vernier.examples;

import dev.vernier.api.NanoClock;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxType;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.optimizer.Comparison;
import dev.vernier.optimizer.RecordingMeasurer;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.optimizer.TuningSession;
import dev.vernier.optimizer.TuningStep;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Example 5: a Raft cluster tunes itself on its own traffic, with no synthetic load. A background
 * client (standing in for the users) writes at a rate that drifts between 200 and 800 ops/s (a
 * 40 s cycle); the cluster records every request it serves in an {@link OperationRecorder}; a tuning
 * session measures windows of that recording ({@link RecordingMeasurer}) and minimises p99 with at
 * most 1% errors. The load drifts by 4x while the session runs, so a window's p99 says little on its
 * own; the session alternates incumbent and candidate windows and decides on paired ratios, so that
 * drift common to both windows of a pair cancels. Runs in about a minute (20 windows of 1.5 s).
 */
public final class TuneOnProductionTraffic {

    private TuneOnProductionTraffic() {
    }

    /** @param args optional: window budget of the search (default 20) */
    public static void main(String[] args) throws Exception {
        int budget = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        PrintStream out = System.out;
        OperationRecorder recorder = OperationRecorder.builder().build();
        AtomicBoolean running = new AtomicBoolean(true);
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(5).recorder(recorder).electionTimeoutMs(1_000)
                .build()) {
            raft.setup(new SuiteContext(5, NanoClock.system(), "production"));
            Thread users = new Thread(() -> users(raft, running), "users");
            users.start();
            try {
                Map<String, Object> start = raft.currentConfiguration().values();
                out.println("Users write 200-800 ops/s (a 40 s cycle) to a 3-node Raft cluster; it tunes itself on"
                        + " that traffic:");
                out.println("  objective: minimise p99 latency of the requests served, errors <= 1%; budget " + budget
                        + " windows of 1.5 s");
                out.println("  start:     " + start);
                TuningReport report = TuningSession.builder(
                                raft.restrictedTo("maxBatchSize", "pipelining", "maxInflightAppends"),
                                RecordingMeasurer.builder(recorder).window(Duration.ofMillis(1500))
                                        .warmup(Duration.ofMillis(300)).build())
                        .objective(Objective.minimize(Metric.P99_LATENCY_MS).atMost(Metric.ERROR_RATE, 0.01))
                        .maxWindows(budget).roundsPerComparison(2).settle(Duration.ofMillis(200)).seed(5)
                        .name("production").listener(s -> out.println(line(s)))
                        .build().run();
                out.println();
                out.println("Session ended: " + report.outcome() + " after " + report.windows() + " of " + budget
                        + " windows (" + report.reason() + ")");
                out.println("Kept: " + QuickStart.changes(start, report.finalConfiguration()) + "; live now: "
                        + raft.currentConfiguration());
                out.println(verified(report));
            } finally {
                running.set(false);
                users.join();
                raft.teardown();
            }
        }
    }

    /**
     * @param s a decided step
     * @return {@code step 3 MODEL maxBatchSize=16 ... p99 x0.62 (CI x0.55-x0.70, 2 pairs) KEEP} and
     *     the reason on its own line; for the baseline, its p99 and the load it saw
     */
    static String line(TuningStep s) {
        String head = String.format(Locale.ROOT, "  step %2d %-11s %-55s", s.index(), s.proposal().source(),
                QuickStart.flat(s.proposal().configuration()));
        if (s.comparison() == null) {
            return head + (s.observation() == null ? "" : String.format(Locale.ROOT, " p99 %.2f ms at %.0f ops/s",
                    s.observation().metric(Metric.P99_LATENCY_MS), s.observation().metric(Metric.THROUGHPUT)))
                    + "  " + s.decision() + (s.index() == 0 ? "" : System.lineSeparator() + "          " + s.reason());
        }
        Comparison c = s.comparison();
        return head + String.format(Locale.ROOT, " p99 x%.2f of the incumbent's (x%.2f-x%.2f, %d pair%s)  %s", c.ratio(),
                c.ratioLow(), c.ratioHigh(), c.pairs(), c.pairs() == 1 ? "" : "s", s.decision())
                + System.lineSeparator() + "          " + s.reason();
    }

    /** @return the start-vs-final re-measurement on the users' traffic, or why there is none */
    static String verified(TuningReport report) {
        Comparison p99 = report.verification() == null ? null
                : report.verification().windows().get(Metric.P99_LATENCY_MS);
        if (p99 == null) {
            return "p99: nothing kept, so nothing to verify; the cluster runs its starting configuration";
        }
        return String.format(Locale.ROOT, "p99 on the users' traffic, start vs final measured again in %d interleaved"
                        + " pairs: %.2f -> %.2f ms (x%.2f, 95%% CI x%.2f-x%.2f)", p99.pairs(), p99.referenceMean(),
                p99.candidateMean(), p99.ratio(), p99.ratioLow(), p99.ratioHigh());
    }

    /** Writes at 500 - 300 cos(2 pi t / 40 s) ops/s until told to stop; what the cluster answers is its own business. */
    private static void users(RaftSuite raft, AtomicBoolean running) {
        TxType put = new TxType("put", 1, 128);
        byte[] payload = new byte[128];
        NanoClock clock = NanoClock.system();
        long start = clock.nanoTime();
        long next = start;
        long id = 0;
        while (running.get()) {
            double t = (next - start) / 1e9;
            double rate = 500 - 300 * Math.cos(2 * Math.PI * t / 40);
            next += (long) (1e9 / rate);
            try {
                clock.sleepUntil(next);
            } catch (InterruptedException e) {
                return;
            }
            raft.submit(new Transaction(++id, 0, put, payload, next));
        }
    }
}
