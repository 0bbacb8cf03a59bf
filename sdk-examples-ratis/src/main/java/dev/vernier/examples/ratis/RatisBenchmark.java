package dev.vernier.examples.ratis;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.TransactionMix;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.ScenarioResult;
import java.time.Duration;
import java.util.Locale;

/**
 * Starts a 3-node in-process Ratis group through {@link RatisSuite} and benchmarks it with Vernier at
 * two settings of the log appender's element limit: 1 (one entry per AppendEntries RPC) and the
 * default (no element limit), under the same closed load of 32 clients writing 64-byte entries.
 *
 * <p>Run: {@code mvn -q -pl sdk-examples-ratis -am compile exec:java} (prints to standard output).
 * Optional arguments: seconds per setting (default 5), clients (default 32).
 */
public final class RatisBenchmark {

    private RatisBenchmark() {
    }

    /**
     * @param args optional: seconds per setting, clients
     * @throws Exception if the group cannot be started or a setting cannot be applied
     */
    public static void main(String[] args) throws Exception {
        Duration perSetting = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Scenario scenario = Scenario.builder("ratis-closed-" + clients)
                .warmup(Duration.ofSeconds(1)).duration(perSetting).throughputInterval(Duration.ofSeconds(1))
                .load(LoadModel.closed(clients)).mix(TransactionMix.single("write", 64))
                .timeout(Duration.ofSeconds(10)).phases(Phase.THROUGHPUT, Phase.LATENCY).build();
        RatisSuite suite = RatisSuite.builder().build();
        suite.setup(new SuiteContext(1, NanoClock.system(), scenario.name()));
        try (Vernier vernier = Vernier.builder().build()) {
            System.out.printf(Locale.ROOT, "Ratis 3-node group, %d closed-loop clients writing 64-byte entries, %d s per setting%n",
                    clients, perSetting.toSeconds());
            System.out.println("| element-limit | throughput (ops/s) | p50 (ms) | p99 (ms) | errors | entries per AppendEntries |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (int limit : new int[] {1, RatisSuite.ELEMENT_LIMIT_MAX}) {
                suite.apply(Configuration.of(RatisSuite.ELEMENT_LIMIT, limit));
                long requests = suite.appendEntriesRequestCount();
                ScenarioResult r = vernier.measure(suite, scenario);
                long committed = r.throughput().outcomes().committed() + r.latency().outcomes().committed();
                // each committed entry is sent to two followers
                double perRequest = 2.0 * committed / Math.max(1, suite.appendEntriesRequestCount() - requests);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d | %.2f |%n",
                        limit == RatisSuite.ELEMENT_LIMIT_MAX ? "default (no limit)" : String.valueOf(limit),
                        r.throughput().averageOpsPerSecond(), r.latency().overall().percentile(50),
                        r.latency().overall().percentile(99), r.throughput().outcomes().errors()
                                + r.latency().outcomes().errors(), perRequest);
            }
        } finally {
            suite.teardown();
        }
    }
}
