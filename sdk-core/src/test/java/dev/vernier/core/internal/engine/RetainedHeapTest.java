package dev.vernier.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.Suites;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import org.HdrHistogram.AbstractHistogram;
import org.junit.jupiter.api.Test;

/**
 * What the harness keeps does not grow with the number of transactions: the histograms are bounded,
 * shards are per thread, the open model's in-flight list only holds open transactions, and nothing
 * is kept per transaction. Asserted by counts and structure (run-length independent), with a
 * generous heap cross-check.
 */
class RetainedHeapTest {

    private static final long SMALL = 200_000;
    private static final long LARGE = 1_000_000;

    /** What one closed(1) run kept, structurally. */
    private record Kept(long committed, int shards, int iterations, int intervals, long histogramBytes,
                        int histograms, long retainedHeap) {
    }

    private static Kept closedRun(long samples) {
        Scenario s = Scenario.builder("retained").load(LoadModel.closed(1)).phases(Phase.LATENCY)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(60)).throughputInterval(Duration.ofSeconds(60))
                .timeout(Duration.ofSeconds(1)).build();
        LoadRunner run = new LoadRunner(LoadPlan.of(Phase.LATENCY, s, s.load(), samples),
                LoadContext.of(Suites.instant(), NanoClock.system(), Thread::new));
        long before = usedAfterGc();
        LoadOutput out = run.execute();
        long after = usedAfterGc();
        Tally total = out.total();
        long bytes = 0;
        int histograms = 0;
        for (AbstractHistogram h : histograms(total)) {
            bytes += h.getEstimatedFootprintInBytes();
            histograms++;
        }
        Kept kept = new Kept(total.count(OutcomeKind.COMMITTED), run.recorder().shardCount(), out.iterations().size(),
                out.intervals().size(), bytes, histograms, after - before);
        Reference.reachabilityFence(out);
        Reference.reachabilityFence(run);
        return kept;
    }

    private static AbstractHistogram[] histograms(Tally b) {
        AbstractHistogram[] all = new AbstractHistogram[4 + b.perType.length + b.stages.length];
        int i = 0;
        all[i++] = b.latency;
        all[i++] = b.committed;
        all[i++] = b.lag;
        all[i++] = b.warmupLatency;
        for (AbstractHistogram h : b.perType) {
            all[i++] = h;
        }
        for (AbstractHistogram h : b.stages) {
            all[i++] = h;
        }
        return all;
    }

    private static long usedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void closedModelKeepsTheSameStructureForFiveTimesTheTransactions() {
        Kept small = closedRun(SMALL);
        Kept large = closedRun(LARGE);

        assertTrue(small.committed() >= SMALL, "small run committed " + small.committed());
        assertTrue(large.committed() >= LARGE, "large run committed " + large.committed());
        assertTrue(large.committed() >= 2 * small.committed(), "the large run must really be larger: " + small
                + " vs " + large);

        // One shard per recording thread (here the single client completes inline), not per transaction.
        assertEquals(1, small.shards(), "shards " + small);
        assertEquals(small.shards(), large.shards());
        // One iteration, one interval: segment and interval objects are per period, not per transaction.
        assertEquals(1, small.iterations());
        assertEquals(small.iterations(), large.iterations());
        assertEquals(small.intervals(), large.intervals());
        // Same number of histograms, same (fixed, non-resizing) footprint.
        assertEquals(small.histograms(), large.histograms());
        assertEquals(small.histogramBytes(), large.histogramBytes(), "histograms must not resize");

        // Cross-check on the heap: ~800k more transactions kept at even 40 B each would be > 30 MB.
        long growth = large.retainedHeap() - small.retainedHeap();
        assertTrue(growth < 8L << 20, "retained heap grew by " + growth + " B for " + (large.committed()
                - small.committed()) + " more transactions (" + small + " vs " + large + ")");
    }

    /** Pumps {@code sends} at 1M ops/s through a manually clocked generator; returns the max list length seen. */
    private static int[] openRun(long sends) {
        long ms = 1_000_000L;
        ManualClock clock = new ManualClock();
        Scenario s = Scenario.builder("retained-open").load(LoadModel.constantRate(1_000_000))
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(60)).phases(Phase.LATENCY).build();
        LoadPlan plan = LoadPlan.of(Phase.LATENCY, s, s.load(), 0);
        TxRecorder recorder = new TxRecorder(1, plan.highestTrackableNanos(), clock);
        OpenGenerator g = new OpenGenerator(plan, LoadContext.of(Suites.instant(), clock, clock.threadFactory()),
                recorder, 0);
        int maxLength = 0;
        for (long t = 1; t <= sends / 1_000; t++) {
            long now = t * ms - 1; // sends intended at 0 .. now: exactly 1,000 per ms
            clock.set(now);
            g.pump(now);
            g.reap(now, false);
            maxLength = Math.max(maxLength, g.inFlightList().length());
        }
        Tally total = recorder.newAggregate();
        recorder.harvestInto(total);
        return new int[] {maxLength, recorder.shardCount(), (int) total.count(OutcomeKind.COMMITTED),
            (int) g.dispatched()};
    }

    @Test
    void openModelInFlightListOnlyHoldsOpenTransactions() {
        int[] small = openRun(SMALL);
        int[] large = openRun(LARGE);
        assertEquals(SMALL, small[2]);
        assertEquals(LARGE, large[2]);
        assertEquals(LARGE, large[3]);
        // Transactions completed at submit never enter the list; completed nodes are unlinked on each reap.
        assertTrue(small[0] <= 1, "in-flight list length " + small[0]);
        assertEquals(small[0], large[0], "in-flight list length must not depend on the number of sends");
        assertEquals(1, small[1]);
        assertEquals(small[1], large[1]);
    }
}
