package dev.vernier.benchmarks;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Transaction;
import dev.vernier.api.TransactionMix;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.TxType;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.ThroughputResult;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Closed model, one client, against a suite that completes at once: the engine's throughput against
 * a bare loop making the same calls (new Transaction, submit, whenComplete on the completed future),
 * measured in one JVM, one after the other.
 *
 * <p>Usage: {@code java -cp sdk-benchmarks/target/benchmarks.jar dev.vernier.benchmarks.EngineOverhead [seconds] [rounds]}
 */
public final class EngineOverhead {

    private EngineOverhead() {
    }

    /** Counts completions; the bare loop's callback. */
    static final class Count implements BiConsumer<TxOutcome, Throwable> {
        long committed;
        long lastNanos;

        @Override
        public void accept(TxOutcome o, Throwable t) {
            if (t == null && o.isCommitted()) {
                committed++;
            }
        }
    }

    static double bare(InstantSuite suite, long nanos) {
        return bare(suite, nanos, false);
    }

    /**
     * The bare loop; with {@code clocked}, also the two clock reads per transaction that any latency
     * measurement needs (start and completion), so the remaining gap is the engine's own bookkeeping.
     */
    static double bare(InstantSuite suite, long nanos, boolean clocked) {
        TxType type = TransactionMix.single("tx", 128).types().get(0);
        byte[] payload = new byte[type.payloadBytes()];
        Count count = new Count();
        long start = System.nanoTime();
        long end = start + nanos;
        long id = 0;
        long now = start;
        while (now < end) {
            for (int k = 0; k < 1024; k++) {
                long t0 = clocked ? System.nanoTime() : now;
                Transaction tx = new Transaction(id++, 0, type, payload, t0);
                suite.submit(tx).whenComplete(count);
                if (clocked) {
                    count.lastNanos = System.nanoTime() - t0;
                }
            }
            now = System.nanoTime();
        }
        if (count.committed != id) {
            throw new IllegalStateException("lost completions");
        }
        return count.committed / ((now - start) / 1e9);
    }

    static double engine(InstantSuite suite, Duration warmup, Duration duration) {
        var scenario = dev.vernier.api.Scenario.builder("overhead").load(LoadModel.closed(1))
                .phases(Phase.THROUGHPUT).warmup(warmup).duration(duration)
                .throughputInterval(Duration.ofSeconds(1)).build();
        try (Vernier v = Vernier.builder().build()) {
            ThroughputResult t = v.measure(suite, scenario).throughput();
            return t.averageOpsPerSecond();
        }
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        InstantSuite suite = new InstantSuite();
        System.out.printf(Locale.ROOT, "cores=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        // Warm both paths up once before measuring.
        bare(suite, 1_000_000_000L);
        bare(suite, 1_000_000_000L, true);
        engine(suite, Duration.ZERO, Duration.ofSeconds(1));
        double sum = 0;
        for (int r = 1; r <= rounds; r++) {
            // alternate the order (engine first, then bare first) so that drift hits both alike
            double e;
            double c;
            double b = bare(suite, seconds * 1_000_000_000L);
            if (r % 2 == 1) {
                e = engine(suite, Duration.ofSeconds(1), Duration.ofSeconds(seconds));
                c = bare(suite, seconds * 1_000_000_000L, true);
            } else {
                c = bare(suite, seconds * 1_000_000_000L, true);
                e = engine(suite, Duration.ofSeconds(1), Duration.ofSeconds(seconds));
            }
            sum += e / c;
            System.out.printf(Locale.ROOT, "round %d: engine closed(1) %.0f ops/s, bare loop %.0f ops/s, ratio %.3f;"
                    + " bare loop + 2 clock reads/op %.0f ops/s, ratio %.3f"
                    + " (engine %.1f ns/op, bare %.1f ns/op, bare+clock %.1f ns/op)%n", r, e, b, e / b, c, e / c,
                    1e9 / e, 1e9 / b, 1e9 / c);
        }
        System.out.printf(Locale.ROOT, "mean ratio engine / (bare + 2 clock reads) %.3f over %d rounds%n", sum / rounds,
                rounds);
    }
}
