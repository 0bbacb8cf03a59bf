package dev.vernier.core;

import dev.vernier.core.result.ScenarioResult;
import java.util.List;
import java.util.Optional;

/**
 * Results of every registered suite against every scenario (the comprehensive run). Immutable and
 * thread-safe.
 *
 * @param results one result per suite and scenario, suites in registration order
 */
public record RunMatrix(List<ScenarioResult> results) {

    /** Copies the list. */
    public RunMatrix {
        results = List.copyOf(results);
    }

    /** @return the result of {@code suite} under {@code scenario}, if it ran */
    public Optional<ScenarioResult> get(String suite, String scenario) {
        return results.stream().filter(r -> r.suite().equals(suite) && r.scenarioName().equals(scenario)).findFirst();
    }
}
