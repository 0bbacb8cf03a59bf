package dev.vernier.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.Suites;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor on a real run: what it shows adds up to what the run's result says. */
class MonitorRunTest {

    @Test
    void thePointsOfARunAddUpToItsResult() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Scenario scenario = Scenario.builder("steady").warmup(Duration.ofMillis(300)).duration(Duration.ofSeconds(1))
                .snapshotInterval(Duration.ofMillis(100)).load(LoadModel.constantRate(2_000))
                .timeout(Duration.ofSeconds(1)).phases(Phase.LATENCY).build();
        ScenarioResult result;
        try (Monitor monitor = Monitor.builder().serveHttp(false).sampleOnOwnThread(false).history(1_000)
                .meterRegistry(registry).alertRules(List.of()).start();
             Vernier vernier = Vernier.builder().register(Suites.rejectingHalf()).listener(monitor).build()) {
            result = vernier.run("half", scenario);
            List<MonitorPoint> measured = monitor.points(1_000).stream()
                    .filter(p -> MonitorPoint.RUN.equals(p.source()) && !p.warmup()).toList();
            long committed = measured.stream().mapToLong(MonitorPoint::committed).sum();
            long errors = measured.stream().mapToLong(MonitorPoint::errors).sum();
            Outcomes outcomes = result.latency().outcomes();
            // the result counts a transaction by its intended start, a point by the interval it ended in;
            // measured transactions that end before the ticker cuts the warm-up are carried into the first
            // measured snapshot, and what ends in the drain gets a last one, so the points add up exactly
            assertEquals(outcomes.committed(), committed, "committed: result " + outcomes + ", points " + committed);
            assertEquals(outcomes.rejected() + outcomes.failed() + outcomes.timedOut(), errors,
                    "errors: result " + outcomes + ", points " + errors);
            assertTrue(measured.stream().filter(p -> p.errorRatePercent() != null && p.committed() + p.errors() >= 50)
                            .allMatch(p -> Math.abs(p.errorRatePercent() - 50) < 5),
                    "every interval of a suite that rejects every other transaction shows about 50 % errors");
            // the Micrometer counters saw every snapshot, warm-up included
            long all = monitor.points(1_000).stream().filter(p -> MonitorPoint.RUN.equals(p.source()))
                    .mapToLong(MonitorPoint::committed).sum();
            assertEquals(all, (long) registry.get("vernier.operations").tags("outcome", "committed").counter().count());
            // and the latency buckets hold every transaction that ended, from the snapshots' own histograms:
            // committed ones at their latency, the others from their intended start to when they ended or
            // were given up (the engine's one meaning of a percentile)
            long ended = monitor.points(1_000).stream().filter(p -> MonitorPoint.RUN.equals(p.source()))
                    .mapToLong(p -> p.committed() + p.errors()).sum();
            assertEquals(ended, (long) registry.get("vernier.latency.buckets").tags("source", "half", "le", "+Inf")
                    .functionCounter().count());
            assertEquals("LATENCY", monitor.runInfo().lastPhase());
        }
    }
}
