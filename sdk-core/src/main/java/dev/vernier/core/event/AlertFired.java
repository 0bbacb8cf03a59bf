package dev.vernier.core.event;

import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSeverity;
import java.util.Locale;

/**
 * An alert rule's condition has held for its whole {@code for} duration: the alert is active until
 * the matching {@link AlertResolved}. Immutable and thread-safe.
 *
 * @param suite the source the rule watched (the suite of the snapshots, or a recorder's name)
 * @param alertId the engine's number of this alert, from 1
 * @param rule the rule that fired
 * @param value the metric's value at the evaluation that fired it, in the metric's unit
 * @param pendingSinceNanos when the condition was first seen to hold, engine clock, ns
 * @param atNanos when it fired, engine clock, ns
 * @param epochMillis when it fired, wall clock, ms since the epoch
 */
public record AlertFired(String suite, long alertId, AlertRule rule, double value, long pendingSinceNanos,
                         long atNanos, long epochMillis) implements AlertEvent {

    /** @return the rule's severity */
    public AlertSeverity severity() {
        return rule.severity();
    }

    /** @return how long the condition held before it fired, seconds */
    public double heldSeconds() {
        return (atNanos - pendingSinceNanos) / 1e9;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s %s fired on %s: %s %s (rule: %s)", rule.severity(), rule.name(), suite,
                rule.metric().label(), rule.metric().format(value), rule.condition());
    }
}
