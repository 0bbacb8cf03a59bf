package dev.vernier.examples.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.NanoClock;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.core.Vernier;
import dev.vernier.optimizer.Comparison;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.testkit.GainRecheck;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's acceptance test on a real Raft library: the gain {@link RatisTuning} prints holds when
 * the start and the final configuration are measured again by someone else. The re-measurement does
 * not go through the session or its measurer: it runs the Vernier engine directly with the tuning
 * load and counts the entries the Ratis <em>state machines</em> applied (their own log of committed
 * transactions), per second of wall time, in interleaved pairs (start, final, final, start, ...).
 *
 * <p>On a shared 2-core machine single windows differ by 10-30% and a neighbour's build can halve
 * one, so the comparison is statistical and counts both uncertainties: the re-measurement's own 95%
 * interval (4 pairs, t on the pairs' log ratios) must meet the printed 95% interval widened to at
 * least +-10% around the printed gain. A headline from a lucky window against a cold baseline (the
 * 14.91x re-measured at 1.69x of issue 13) fails it by far.
 */
class RatisGainVerifiedTest {

    private static final int BUDGET = 10;
    private static final int PAIRS = 4;

    @Test
    void printedGainHoldsWhenStartAndFinalAreMeasuredAgainByTheStateMachinesAppliedCounts() throws Exception {
        RatisSuite suite = RatisSuite.builder().initialConfiguration(Configuration.of(RatisSuite.ELEMENT_LIMIT, 1))
                .build();
        suite.setup(new SuiteContext(1, NanoClock.system(), "ratis-gain-verified"));
        try (Vernier vernier = Vernier.builder().build()) {
            Configuration start = suite.currentConfiguration();
            TuningReport report = RatisTuning.session(suite, vernier, BUDGET, Duration.ofSeconds(1), s -> { }).run();
            String md = report.toMarkdown();

            // the session uses its budget or says why not
            assertTrue(report.outcome() == TuningReport.Outcome.BUDGET_USED ? report.windows() >= BUDGET - 1
                    : report.outcome() != TuningReport.Outcome.FAILED && !report.reason().isBlank(), md);
            assertTrue(report.windows() <= BUDGET, md);
            if (report.keeps() == 0) {
                // under a heavy neighbour load (load average 12 on 2 cores) one-second windows of Ratis differ by 2x
                // and 14 windows may not show even a 2-3x gain significantly: then nothing is claimed, and that holds
                assertEquals(1.0, report.throughputGain(), md);
                assertEquals("Throughput gain: 1.00x (no change kept)", report.throughputGainLine());
                assertEquals(start, suite.currentConfiguration(), md);
                System.out.println("RatisGainVerifiedTest: nothing kept, nothing claimed: " + report.reason() + "; "
                        + report.steps().stream().skip(1).map(s -> s.proposal().configuration() + ": " + s.reason())
                        .toList());
                return;
            }
            Comparison printed = report.verification() == null ? null : report.verification().throughput();
            assertNotNull(printed, "a kept change is verified\n" + md);
            assertEquals(printed.ratio(), report.throughputGain(), 1e-12);
            assertTrue(report.throughputGainLine().startsWith(String.format(Locale.ROOT, "Throughput gain: %.2fx",
                    printed.ratio())), report.throughputGainLine());
            Configuration fin = suite.currentConfiguration();
            assertFalse(fin.equals(start), md);

            // measured again by another method: engine runs driven directly, counted by the state machines
            Scenario load = RatisTuning.windowLoad().toBuilder().duration(Duration.ofSeconds(1)).build();
            double[] ratios = new double[PAIRS];
            for (int i = 0; i < PAIRS; i++) {
                boolean finalFirst = i % 2 == 1;
                double first = appliedPerSecond(suite, vernier, load, finalFirst ? fin : start);
                double second = appliedPerSecond(suite, vernier, load, finalFirst ? start : fin);
                ratios[i] = finalFirst ? first / second : second / first;
            }
            GainRecheck again = GainRecheck.of(report.throughputGainLine(), printed.ratio(), printed.ratioLow(),
                    printed.ratioHigh(), ratios);
            System.out.println("RatisGainVerifiedTest: " + again.description());
            assertTrue(again.holds(), again.description() + "\n" + md);
        } finally {
            suite.teardown();
        }
    }

    /** Applies {@code c}, lets it settle, runs the tuning load once and returns the entries applied per second. */
    private static double appliedPerSecond(RatisSuite suite, Vernier vernier, Scenario load, Configuration c)
            throws Exception {
        suite.apply(c);
        Thread.sleep(RatisTuning.SETTLE.toMillis()); // the session's settle time after a leadership transfer; orders nothing
        long before = Collections.max(suite.appliedCounts());
        long t0 = System.nanoTime();
        vernier.measure(suite, load); // warm-up and window: both configurations are counted alike
        long applied = Collections.max(suite.appliedCounts()) - before;
        return applied / ((System.nanoTime() - t0) / 1e9);
    }
}
