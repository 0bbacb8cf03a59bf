package dev.vernier.monitor;

import java.util.List;

/**
 * What the monitor knows about the run it watches, as served by {@code GET /api/run}. Immutable and
 * thread-safe.
 *
 * @param version version of the monitor's JSON ({@value Monitor#JSON_VERSION})
 * @param title the dashboard's title
 * @param startedAtEpochMillis when the monitor started, wall clock, ms since the epoch
 * @param uptimeSeconds seconds since the monitor started
 * @param suite the suite of the latest run event, or null
 * @param scenario the scenario of the latest run event, or null
 * @param phase the phase running now, or null between phases
 * @param lastPhase the latest phase that started, or null
 * @param warmup whether the latest snapshot was of a warm-up
 * @param tuningStep the latest tuning step, as the tuning session describes it, or null
 * @param feeds where figures come from: {@code "run"} (interval snapshots received), and
 *     {@code "recorder:<name>"} for a node's own traffic
 * @param sampleIntervalMillis period of the monitor's own sampler, ms
 * @param historyCapacity points kept (and sent to a dashboard on load)
 * @param pointsPublished points published so far
 * @param streams dashboards connected now
 * @param prometheusPath the Prometheus scrape path, or null when not served
 * @param events the most recent run events (phases, verdicts, warnings, tuning steps), oldest first
 */
public record RunInfo(int version, String title, long startedAtEpochMillis, double uptimeSeconds, String suite,
                      String scenario, String phase, String lastPhase, boolean warmup, String tuningStep,
                      List<String> feeds, long sampleIntervalMillis, int historyCapacity, long pointsPublished,
                      int streams, String prometheusPath, List<Event> events) {

    /**
     * A run event for people.
     *
     * @param epochMillis when, ms since the epoch
     * @param kind {@code phase}, {@code verdict}, {@code warning} or {@code tuning}
     * @param text what happened
     */
    public record Event(long epochMillis, String kind, String text) {
    }
}
