package dev.vernier.optimizer;

import dev.vernier.core.event.TuningEvent;

import java.util.Objects;

/**
 * A tuning session ended: its report says why ({@link TuningReport#outcome()}, {@link TuningReport#reason()})
 * and what it verified. Immutable and thread-safe.
 *
 * @param suite the session's {@linkplain TuningSession.Builder#name name}
 * @param report the finished session
 */
public record SessionEnded(String suite, TuningReport report) implements TuningEvent {

    /** @throws NullPointerException when a field is null */
    public SessionEnded {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(report, "report");
    }

    /** @return e.g. {@code tuning ended: BUDGET_USED (the budget of 12 windows was used); Throughput gain: ...} */
    @Override
    public String describe() {
        return "tuning ended: " + report.outcome() + " (" + report.reason() + "); " + report.throughputGainLine();
    }
}
