package dev.vernier.examples;

import dev.vernier.api.NanoClock;
import dev.vernier.api.SuiteContext;
import dev.vernier.core.Vernier;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.optimizer.TuningReport;
import java.time.Duration;

/**
 * Example 4: tune a running Raft cluster live, starting from batch size 1 without pipelining. Each
 * step is printed as it is decided, then the history, then two lines a script can read.
 */
public final class TuneBatchSize {

    private TuneBatchSize() {
    }

    /** @param args optional: maximum windows (default 20) */
    public static void main(String[] args) throws Exception {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(11).maxBatchSize(1).pipelining(false).build();
             Vernier vernier = Vernier.builder().build()) {
            raft.setup(new SuiteContext(11, NanoClock.system(), "tune-batch-size"));
            System.out.println("Tuning " + raft.currentConfiguration() + ": " + RaftTuning.describe(RaftTuning.OBJECTIVE)
                    + "; latency compared at " + (int) RaftTuning.OPERATING_RATE + " ops/s; " + windows + " windows of 2 s");
            TuningReport report = RaftTuning.session(raft, vernier, windows, Duration.ofSeconds(2), 11,
                    RaftTuning.printer(System.out)).run();
            System.out.println();
            System.out.println(report.toMarkdown());
            System.out.println("Live configuration now: " + raft.currentConfiguration());
            System.out.println(RaftTuning.summary(report));
        }
    }
}
