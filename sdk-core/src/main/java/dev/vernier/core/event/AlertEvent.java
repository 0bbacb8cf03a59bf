package dev.vernier.core.event;

import dev.vernier.core.alert.AlertRule;

/**
 * An alert rule's state changed: it {@link AlertFired fired} or {@link AlertResolved resolved}.
 * Raised by a {@link dev.vernier.core.alert.AlertEngine}; every event is an immutable, thread-safe
 * record.
 */
public sealed interface AlertEvent extends VernierEvent permits AlertFired, AlertResolved {

    /** @return the engine's number of the alert, from 1; a fired alert and its resolution share it */
    long alertId();

    /** @return the rule concerned */
    AlertRule rule();

    /** @return the metric's value at the evaluation that changed the state, in the metric's unit (NaN: no data) */
    double value();

    /** @return when the state changed, on the engine's clock, ns */
    long atNanos();

    /** @return when the state changed, wall clock, milliseconds since the epoch */
    long epochMillis();

    /** @return one line that says what happened, with its figures */
    String describe();
}
