package dev.vernier.examples;

import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.Vernier;
import dev.vernier.core.alert.AlertMetric;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSeverity;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.monitor.Monitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Example 6: watch a run live. A 3-node Raft cluster under 2,000 ops/s, first steady, then with its
 * leader partitioned away and healed, then crashed and restarted, while the dashboard at http://127.0.0.1:8080/ shows throughput,
 * latency percentiles, CPU and heap, and the alert rules fire and resolve. The REST API
 * ({@code /api/snapshot}, {@code /api/snapshots}, {@code /api/alerts}, {@code /api/run}) and a
 * Prometheus scrape ({@code /metrics}) serve the same live figures.
 *
 * <p>Arguments: {@code [port] [seconds to keep the dashboard open after the run]}, default 8080 and
 * 30 (port 0 picks a free port).
 */
public final class LiveDashboard {

    private LiveDashboard() {
    }

    /** @param args optional port and hold time in seconds */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : Monitor.DEFAULT_PORT;
        int holdSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;

        // the five default rules of the source documents, plus two that the faults trip in a short demo
        List<AlertRule> rules = new ArrayList<>(AlertRule.defaults());
        rules.add(AlertRule.builder("Commit errors").metric(AlertMetric.ERROR_RATE).above(1)
                .forDuration(Duration.ofSeconds(1)).severity(AlertSeverity.CRITICAL).build());
        rules.add(AlertRule.builder("Slow tail").metric(AlertMetric.LATENCY_P99).above(200)
                .forDuration(Duration.ofMillis(500)).severity(AlertSeverity.WARNING).build());

        TransactionMix puts = TransactionMix.single("put", 128);
        Scenario steady = Scenario.builder("raft-steady")
                .warmup(Duration.ofSeconds(2)).duration(Duration.ofSeconds(10))
                .load(LoadModel.constantRate(2_000)).mix(puts).timeout(Duration.ofSeconds(2))
                .snapshotInterval(Duration.ofMillis(500))
                .phases(Phase.LATENCY)
                .build();
        Scenario crash = Scenario.builder("raft-leader-crash")
                .warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(16))
                .load(LoadModel.constantRate(2_000)).mix(puts).timeout(Duration.ofSeconds(2))
                .snapshotInterval(Duration.ofMillis(500))
                .faultPlan(FaultPlan.builder().partitionLeaderAt(Duration.ofSeconds(4)).healAt(Duration.ofSeconds(8))
                        .crashLeaderAt(Duration.ofSeconds(11)).restartCrashedAt(Duration.ofSeconds(13)).build())
                .phases(Phase.FAULT_TOLERANCE)
                .build();

        try (Monitor monitor = Monitor.builder().port(port).title("Vernier · Raft live").alertRules(rules)
                     .prometheus(true)
                     .alertListener(e -> System.out.println("  alert: " + ((AlertEvent) e).describe()))
                     // .abortAction(reason -> ...) stops the run when an abortOnFail() rule fires (see docs/monitor.md)
                     .start();
             RaftSuite raft = RaftSuite.builder().nodes(3).seed(7).maxBatchSize(32).pipelining(true).build();
             Vernier vernier = Vernier.builder().register(raft).listener(monitor).build()) {
            System.out.println("Dashboard: " + monitor.browserUrl());
            System.out.println("REST:      " + monitor.url() + "api/snapshot   " + monitor.url() + "api/alerts");
            System.out.println("Prometheus: " + monitor.url() + "metrics");
            vernier.run("raft", steady);
            vernier.run("raft", crash);
            System.out.println(monitor.alerts().history().size() + " alert events; dashboard open for another "
                    + holdSeconds + " s");
            Thread.sleep(holdSeconds * 1000L);
        }
    }
}
