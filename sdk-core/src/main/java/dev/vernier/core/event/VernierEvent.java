package dev.vernier.core.event;

/**
 * Something that happened while Vernier ran: a phase started or ended, an interval snapshot, a
 * verdict on the load, a warning, a tuning step. Delivered to {@link RunListener}s; every event is
 * an immutable, thread-safe record whose payload is typed, so a listener switches on the type
 * instead of parsing a message.
 *
 * <pre>{@code
 * RunListener listener = event -> {
 *     if (event instanceof IntervalSnapshot s) {
 *         dashboard.plot(s.elapsedSeconds(), s.throughputOpsPerSecond());
 *     } else if (event instanceof LoadVerdict v && v.health().limited()) {
 *         log.warn("{}: {}", v.phase(), v.health().verdict());
 *     }
 * };
 * }</pre>
 */
public sealed interface VernierEvent permits PhaseStarted, PhaseEnded, IntervalSnapshot, LoadVerdict, RunWarning,
        TuningEvent, AlertEvent {

    /** @return the suite concerned */
    String suite();
}
