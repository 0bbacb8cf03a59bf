package dev.vernier.monitor;

import dev.vernier.api.Phase;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.monitor.internal.ResourceProbe;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared test data: snapshots with chosen figures, a fixed resource probe. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A one-second snapshot of suite "raft": {@code committed} ops/s and {@code errors} failed, 7 in
     * flight (which the engine's success rate counts as sent, not failed).
     */
    static IntervalSnapshot snapshot(double committed, long errors, double p95Ms) {
        double sent = committed + errors + 7;
        return new IntervalSnapshot("raft", "steady", Phase.THROUGHPUT, false, 0, 1, 1.0, 1000, committed,
                committed / sent, errors, 7, p95Ms / 2, p95Ms, p95Ms * 1.5, p95Ms * 2, 10, null, null);
    }

    /** CPU 25 %, heap 256 MiB of 1 GiB. */
    static ResourceProbe probe() {
        return () -> new ResourceProbe.Reading(25.0, 256.0 * 1024 * 1024, 1024.0 * 1024 * 1024);
    }

    /** Names of the live threads the monitor may have started. */
    static Set<String> monitorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("vernier-monitor") || n.startsWith("vernier-webhook")
                        || n.startsWith("HTTP-Dispatcher") || n.startsWith("server-timer")
                        || n.startsWith("idle-timeout-task"))
                .collect(Collectors.toSet());
    }
}
