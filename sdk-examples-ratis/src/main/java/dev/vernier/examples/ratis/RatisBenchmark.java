package dev.vernier.examples.ratis;

import dev.vernier.api.NanoClock;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.tuning.Configuration;
import java.time.Duration;

/**
 * Starts a 3-node in-process Ratis group through {@link RatisSuite} and measures it at two settings
 * of the log appender's element limit: 1 (one entry per AppendEntries RPC) and the default (no
 * element limit). Each setting is driven directly with a fixed number of outstanding requests;
 * Vernier's load engine will take over this job once sdk-core provides it.
 *
 * <p>Run: {@code mvn -q -pl sdk-examples-ratis -am compile exec:java} (prints to standard output).
 * Optional arguments: seconds per setting (default 5), outstanding requests (default 32).
 */
public final class RatisBenchmark {

    private RatisBenchmark() {
    }

    /**
     * @param args optional: seconds per setting, outstanding requests
     * @throws Exception if the group cannot be started or a setting cannot be applied
     */
    public static void main(String[] args) throws Exception {
        Duration perSetting = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        int outstanding = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        RatisSuite suite = RatisSuite.builder().build();
        suite.setup(new SuiteContext(1, NanoClock.system(), "ratis-benchmark"));
        try {
            ClosedLoopDriver driver = new ClosedLoopDriver(suite, outstanding, 64);
            driver.run(Duration.ofSeconds(2)); // warm-up: JIT, connections
            System.out.printf("Ratis 3-node group, %d outstanding 64-byte writes, %d s per setting%n",
                    outstanding, perSetting.toSeconds());
            int[] settings = {1, RatisSuite.ELEMENT_LIMIT_MAX};
            for (int limit : settings) {
                suite.apply(Configuration.of(RatisSuite.ELEMENT_LIMIT, limit));
                driver.run(Duration.ofSeconds(1)); // settle after the leadership transfer
                long requests = suite.appendEntriesRequestCount();
                ClosedLoopDriver.Result r = driver.run(perSetting);
                // Each committed entry is sent to two followers.
                double perRequest = 2.0 * r.committed() / Math.max(1, suite.appendEntriesRequestCount() - requests);
                String label = limit == RatisSuite.ELEMENT_LIMIT_MAX ? "default (no limit)" : String.valueOf(limit);
                System.out.printf("element-limit %-18s %s, %.2f entries per AppendEntries%n", label, r, perRequest);
            }
        } finally {
            suite.teardown();
        }
    }
}
