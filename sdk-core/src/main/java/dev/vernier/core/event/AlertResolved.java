package dev.vernier.core.event;

import dev.vernier.core.alert.AlertRule;
import java.util.Locale;

/**
 * An active alert's condition no longer holds (or its metric has no data): the alert ends.
 * Immutable and thread-safe.
 *
 * @param suite the source the rule watched
 * @param alertId the number of the alert that ends (that of its {@link AlertFired})
 * @param rule the rule
 * @param value the metric's value at the evaluation that resolved it, in the metric's unit (NaN: no data)
 * @param firedAtNanos when the alert fired, engine clock, ns
 * @param atNanos when it resolved, engine clock, ns
 * @param epochMillis when it resolved, wall clock, ms since the epoch
 */
public record AlertResolved(String suite, long alertId, AlertRule rule, double value, long firedAtNanos,
                            long atNanos, long epochMillis) implements AlertEvent {

    /** @return how long the alert was active, seconds */
    public double activeSeconds() {
        return (atNanos - firedAtNanos) / 1e9;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s %s resolved on %s after %.1f s: %s %s", rule.severity(), rule.name(),
                suite, activeSeconds(), rule.metric().label(), rule.metric().format(value));
    }
}
