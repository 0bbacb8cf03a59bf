package dev.vernier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.result.Warning;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.ScriptedSuite;
import dev.vernier.testkit.ScriptedSuite.Script;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accounting identity under random suite behaviour: for any mix of stalls, rejections,
 * failures, throwing submits, futures that never complete and submits that block (for a while or
 * for ever), on open and closed loads, with and without an in-flight cap and a warm-up,
 * {@code scheduled = committed + rejected + failed + timed out + submit errors + refused + not sent}
 * on every phase, every due transaction has exactly one latency value, and the error causes add up
 * to the errors. Seeded: each seed is one reproducible adversarial run on the manual clock.
 */
class AccountingPropertyTest {

    static final long MS = 1_000_000L;

    static LongStream seeds() {
        return LongStream.range(1, 25);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyDueTransactionIsAccountedForExactlyOnce(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ManualClock clock = new ManualClock(random.nextLong(1, 1L << 40));
        double[] weights = new double[7];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextDouble() < 0.4 ? 0 : random.nextDouble();
        }
        weights[0] += 1; // mostly commits
        long blockedForEverAfter = random.nextDouble() < 0.2 ? random.nextLong(10, 400) : Long.MAX_VALUE;
        SplittableRandom script = new SplittableRandom(seed * 31);
        ScriptedSuite suite = new ScriptedSuite("random", clock, (tx, now) -> {
            synchronized (script) {
                if (tx.id() >= blockedForEverAfter) {
                    return new Script.BlockForever();
                }
                long delay = script.nextLong(0, 50 * MS);
                return switch (pick(script, weights)) {
                    case 0 -> new Script.Commit(delay);
                    case 1 -> new Script.Reject(delay, "busy");
                    case 2 -> new Script.Fail(delay);
                    case 3 -> new Script.Throw();
                    case 4 -> new Script.Never();
                    case 5 -> new Script.BlockUntil(now + script.nextLong(1, 80 * MS));
                    default -> new Script.Commit(script.nextLong(100 * MS, 400 * MS)); // a stall
                };
            }
        });
        LoadModel load = random.nextBoolean() ? LoadModel.constantRate(random.nextInt(200, 2_000))
                : random.nextBoolean() ? LoadModel.closed(random.nextInt(1, 8))
                : LoadModel.linearRamp(random.nextInt(100, 500), random.nextInt(500, 1_500));
        Scenario.Builder b = Scenario.builder("random-" + seed).load(load)
                .warmup(Duration.ofMillis(random.nextInt(0, 300))).duration(Duration.ofMillis(random.nextInt(300, 1_200)))
                .iterations(random.nextInt(1, 3)).timeout(Duration.ofMillis(random.nextInt(50, 300)))
                .throughputInterval(Duration.ofMillis(100)).phases(Phase.THROUGHPUT, Phase.LATENCY).seed(seed);
        if (random.nextBoolean()) {
            b.maxInFlight(random.nextInt(1, 50));
        }
        ScenarioResult r = EngineTruthTest.run(clock, suite, b.build());

        ThroughputResult t = r.throughput();
        check("throughput", t.scheduled(), t.outcomes(), t.latency().count(), t.errorsByCause(), r);
        LatencyResult l = r.latency();
        check("latency", l.scheduled(), l.outcomes(), l.overall().count(), l.errorsByCause(), r);
        assertEquals(l.outcomes().committed(), l.committed().count());
        assertTrue(r.warnings().stream().noneMatch(w -> w.kind() == Warning.Kind.ACCOUNTING), r.warnings().toString());
    }

    private static void check(String phase, long scheduled, Outcomes o, long latencyValues,
                              java.util.Map<String, Long> causes, ScenarioResult r) {
        assertEquals(scheduled, o.total(), phase + ": scheduled vs " + o + " in " + r.scenario());
        assertEquals(scheduled, latencyValues, phase + ": one latency value per due transaction");
        assertEquals(o.errors(), causes.values().stream().mapToLong(Long::longValue).sum(),
                phase + ": causes " + causes + " vs " + o);
        assertTrue(scheduled > 0, phase + ": something was due");
    }

    private static int pick(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return 0;
    }
}
