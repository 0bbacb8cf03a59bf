package dev.vernier.monitor.internal;

import dev.vernier.core.alert.AlertEngine;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.core.event.AlertFired;
import dev.vernier.core.event.AlertResolved;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of alerts and rules (Jackson writes records as objects). */
public final class Views {

    private Views() {
    }

    /**
     * A rule and where it stands.
     *
     * @param name rule name
     * @param metric metric key, e.g. {@code latency_p95}
     * @param label metric label for people
     * @param unit the metric's unit
     * @param comparator {@code >}, {@code >=}, {@code <} or {@code <=}
     * @param threshold the limit, in the unit
     * @param forSeconds how long the condition must hold, seconds
     * @param severity INFO, WARNING or CRITICAL
     * @param abortOnFail whether firing aborts the run
     * @param condition the condition for people, e.g. "&gt; 80 % for 30 s"
     * @param status OK, PENDING or FIRING
     * @param lastValue the metric's latest value, or null
     * @param pendingSeconds how long the condition has held, seconds
     */
    public record RuleView(String name, String metric, String label, String unit, String comparator, double threshold,
                           double forSeconds, String severity, boolean abortOnFail, String condition, String status,
                           Double lastValue, double pendingSeconds) {

        static RuleView of(AlertEngine.RuleState s) {
            AlertRule r = s.rule();
            return new RuleView(r.name(), r.metric().key(), r.metric().label(), r.metric().unit(),
                    r.comparator().symbol(), r.threshold(), r.forDuration().toNanos() / 1e9, r.severity().name(),
                    r.abortOnFail(), r.condition(), s.status().name(), finite(s.lastValue()), s.pendingSeconds());
        }
    }

    /**
     * An alert event.
     *
     * @param alertId the alert's number; a firing and its resolution share it
     * @param status {@code firing} or {@code resolved}
     * @param rule rule name
     * @param metric metric key
     * @param severity INFO, WARNING or CRITICAL
     * @param condition the rule's condition for people
     * @param source the suite or recorder
     * @param value the metric's value, or null when there was no data
     * @param unit the metric's unit
     * @param epochMillis when, ms since the epoch
     * @param activeSeconds for a resolution, how long the alert was active, seconds; else null
     * @param text one line for people
     */
    public record AlertView(long alertId, String status, String rule, String metric, String severity,
                            String condition, String source, Double value, String unit, long epochMillis,
                            Double activeSeconds, String text) {

        /**
         * @param e an alert event
         * @return its view
         */
        public static AlertView of(AlertEvent e) {
            AlertRule r = e.rule();
            return new AlertView(e.alertId(), e instanceof AlertFired ? "firing" : "resolved", r.name(),
                    r.metric().key(), r.severity().name(), r.condition(), e.suite(), finite(e.value()),
                    r.metric().unit(), e.epochMillis(),
                    e instanceof AlertResolved res ? res.activeSeconds() : null, e.describe());
        }
    }

    /**
     * The alerts endpoint's body.
     *
     * @param rules every rule and its state
     * @param active active alerts, in the order they fired
     * @param history recent alert events, oldest first
     */
    public record Alerts(List<RuleView> rules, List<AlertView> active, List<AlertView> history) {

        /**
         * @param engine the monitor's alert engine
         * @return its state now
         */
        public static Alerts of(AlertEngine engine) {
            List<RuleView> rules = new ArrayList<>();
            engine.states().forEach(s -> rules.add(RuleView.of(s)));
            List<AlertView> active = new ArrayList<>();
            engine.active().forEach(a -> active.add(AlertView.of(a)));
            List<AlertView> history = new ArrayList<>();
            engine.history().forEach(a -> history.add(AlertView.of(a)));
            return new Alerts(rules, active, history);
        }
    }

    /**
     * @param v a value
     * @return the value, or null when it is not finite
     */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
