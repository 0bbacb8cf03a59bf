package dev.vernier.benchmarks;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.ThroughputResult;
import java.time.Duration;
import java.util.Locale;

/**
 * Open model at fixed rates against a suite that completes at once: achieved / target and the
 * generator's scheduling lag (actual minus intended send time) from {@link GeneratorHealth}.
 *
 * <p>Usage: {@code java -cp sdk-benchmarks/target/benchmarks.jar dev.vernier.benchmarks.OpenLoopAccuracy [seconds] [rate...]}
 */
public final class OpenLoopAccuracy {

    private OpenLoopAccuracy() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double[] rates = {10_000, 100_000, 500_000};
        if (args.length > 1) {
            rates = new double[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                rates[i - 1] = Double.parseDouble(args[i]);
            }
        }
        InstantSuite suite = new InstantSuite();
        System.out.printf(Locale.ROOT, "cores=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("| target ops/s | achieved ops/s (mean of 1 s intervals) | achieved/target | committed/(target x s)"
                + " | intended sends | late (>1 ms) | refused | lag p50 µs | lag p99 µs | lag max µs | generator-limited |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        try (Vernier v = Vernier.builder().build()) {
            // JIT warm-up of the generator path, not reported.
            v.measure(suite, scenario(100_000, Duration.ZERO, Duration.ofSeconds(2)));
            for (double rate : rates) {
                Scenario s = scenario(rate, Duration.ofSeconds(1), Duration.ofSeconds(seconds));
                ThroughputResult t = v.measure(suite, s).throughput();
                GeneratorHealth h = t.generator();
                double achieved = t.averageOpsPerSecond();
                System.out.printf(Locale.ROOT, "| %.0f | %.0f | %.4f | %.4f | %d | %d | %d | %.1f | %.1f | %.1f | %s |%n",
                        rate, achieved, achieved / rate, t.outcomes().committed() / (rate * seconds),
                        h.intendedSends(), h.lateSends(), h.refusedSends(), h.lagP50Micros(), h.lagP99Micros(),
                        h.lagMaxMicros(), h.generatorLimited());
            }
        }
    }

    static Scenario scenario(double rate, Duration warmup, Duration duration) {
        return Scenario.builder("open-" + (long) rate).load(LoadModel.constantRate(rate)).phases(Phase.THROUGHPUT)
                .warmup(warmup).duration(duration).throughputInterval(Duration.ofSeconds(1)).build();
    }
}
